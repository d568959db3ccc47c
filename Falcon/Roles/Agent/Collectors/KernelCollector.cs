namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// kernel.maxfiles (/proc/sys/fs/file-max), kernel.maxproc (/proc/sys/kernel/pid_max), kernel.files.allocated and
/// kernel.files.left (= max - allocated) from /proc/sys/fs/file-nr, as open-falcon's kernel.go.
/// </summary>
internal sealed class KernelCollector(string procRoot) : ICollector
{
    private readonly string _fileMax = Path.Combine(procRoot, "sys/fs/file-max");
    private readonly string _pidMax = Path.Combine(procRoot, "sys/kernel/pid_max");
    private readonly string _fileNr = Path.Combine(procRoot, "sys/fs/file-nr");
    private readonly ProcFileReader _reader = new(128);

    public string Name => "kernel";

    public int DefaultIntervalSeconds => 30;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        bool haveMax = false;
        ulong maxFiles = 0;
        if (_reader.TryRead(_fileMax) && ProcParse.TryFirstULong(_reader.Text, out maxFiles))
        {
            haveMax = true;
            writer.Gauge("kernel.maxfiles", maxFiles);
        }

        if (_reader.TryRead(_pidMax) && ProcParse.TryFirstULong(_reader.Text, out ulong maxProc))
        {
            writer.Gauge("kernel.maxproc", maxProc);
        }

        // file-nr: "allocated unused max".
        if (_reader.TryRead(_fileNr) && ProcParse.TryFirstULong(_reader.Text, out ulong allocated))
        {
            writer.Gauge("kernel.files.allocated", allocated);
            if (haveMax)
            {
                // file-max can be the 64-bit maximum (LONG_MAX on newer kernels): a double keeps the order of magnitude.
                writer.Gauge("kernel.files.left", (double)maxFiles - allocated);
            }
        }

        return ValueTask.CompletedTask;
    }
}
