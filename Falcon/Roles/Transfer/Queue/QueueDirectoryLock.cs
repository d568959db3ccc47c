using System.Globalization;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Transfer.Queue;

/// <summary>
/// Holds `lock` in the queue directory for the life of the process, so a second transfer on the same directory stops
/// with a clear line instead of sending and deleting the first one's segments. On Linux .NET takes FileShare.None as an
/// exclusive flock, which the kernel drops when the process dies, however it dies.
/// </summary>
internal sealed class QueueDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private QueueDirectoryLock(FileStream file) => _file = file;

    public static QueueDirectoryLock Acquire(string directory)
    {
        var path = Path.Combine(directory, "lock");
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new ConfigurationException(
                $"transfer.queue.path {directory} is in use by another transfer process (it holds {path}); "
                + "stop it, or give this one its own transfer.queue.path");
        }

        // For a person looking at the directory: which process holds it.
        file.SetLength(0);
        var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        file.Write(pid);
        file.Flush();
        return new QueueDirectoryLock(file);
    }

    public void Dispose() => _file.Dispose();
}
