using System.Text;

namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// Reads small /proc and /sys files into buffers a collector reuses on every pass, so a pass allocates no strings
/// for the file contents.
/// </summary>
/// <remarks>
/// procfs reports a size of 0, so the file is read until end of file. Not thread-safe: one reader per collector, and
/// the scheduler never runs a collector's passes concurrently. A missing or unreadable file is "no data", not an
/// error: virtual interfaces lack /sys/class/net/X/speed, containers hide parts of /proc.
/// </remarks>
internal sealed class ProcFileReader(int initialSize = 4096)
{
    private const int MaxSize = 64 * 1024 * 1024;

    private byte[] _bytes = new byte[initialSize];
    private char[] _chars = new char[initialSize];
    private int _length;

    /// <summary>The text of the last file read successfully.</summary>
    public ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    /// <summary>The same text, for callers that rewrite it in place (NUL separators of a command line).</summary>
    public Span<char> WritableText => _chars.AsSpan(0, _length);

    public bool TryRead(string path)
    {
        _length = 0;
        int total = 0;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            while (true)
            {
                if (total == _bytes.Length)
                {
                    if (_bytes.Length >= MaxSize)
                    {
                        return false;
                    }

                    Array.Resize(ref _bytes, _bytes.Length * 2);
                }

                // Offset-based reads: procfs files are seekable, and sysfs attributes must be read from offset 0.
                int read = RandomAccess.Read(handle, _bytes.AsSpan(total), total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // FileNotFound/DirectoryNotFound are IOExceptions; EINVAL from a sysfs attribute (speed of a down link) too.
            return false;
        }

        if (_chars.Length < total)
        {
            _chars = new char[_bytes.Length];
        }

        _length = Encoding.UTF8.GetChars(_bytes.AsSpan(0, total), _chars);
        return true;
    }
}
