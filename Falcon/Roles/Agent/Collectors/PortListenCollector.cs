using System.Globalization;

namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// net.port.listen (tag port=N): 1 if something listens on the port, else 0, for every port hbs asks for. Listening
/// means a TCP socket in LISTEN or an unconnected bound UDP socket, IPv4 or IPv6, as `ss -tln` and `ss -uln` show them.
/// </summary>
internal sealed class PortListenCollector(string procRoot, BuiltinMetricSet builtins) : ICollector
{
    private const string Metric = "net.port.listen";
    private const string TcpListen = "0A";
    private const string UdpUnconnected = "07";

    private readonly (string Path, string State)[] _tables =
    [
        (Path.Combine(procRoot, "net/tcp"), TcpListen),
        (Path.Combine(procRoot, "net/tcp6"), TcpListen),
        (Path.Combine(procRoot, "net/udp"), UdpUnconnected),
        (Path.Combine(procRoot, "net/udp6"), UdpUnconnected),
    ];

    private readonly HashSet<int> _wanted = [];
    private readonly HashSet<int> _listening = [];

    public string Name => "port";

    public int DefaultIntervalSeconds => 60;

    public async ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        _wanted.Clear();
        foreach (var metric in builtins.Current)
        {
            if (metric.Metric == Metric && BuiltinTags.TryPort(metric.Tags, out int port))
            {
                _wanted.Add(port);
            }
        }

        if (_wanted.Count == 0)
        {
            return;
        }

        _listening.Clear();
        foreach (var (path, state) in _tables)
        {
            await ReadTableAsync(path, state, cancellationToken).ConfigureAwait(false);
        }

        foreach (int port in _wanted)
        {
            writer.Gauge(Metric, _listening.Contains(port) ? 1 : 0, "port=" + port.ToString(CultureInfo.InvariantCulture));
        }
    }

    private async Task ReadTableAsync(string path, string state, CancellationToken cancellationToken)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        // The table lists every socket and can be megabytes on a busy host: stream it line by line.
        using (reader)
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (TryParseListening(line, state, out int port))
                {
                    _listening.Add(port);
                }
            }
        }
    }

    /// <summary>"  0: 00000000:0016 00000000:0000 0A ..." → the local port, when the socket is in <paramref name="state"/>.</summary>
    internal static bool TryParseListening(ReadOnlySpan<char> line, ReadOnlySpan<char> state, out int port)
    {
        port = 0;
        var words = new Words(line);
        words.Next();
        var local = words.Next();
        words.Next();
        if (!words.Next().SequenceEqual(state))
        {
            return false;
        }

        int colon = local.LastIndexOf(':');
        return colon >= 0 && int.TryParse(local[(colon + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out port);
    }
}
