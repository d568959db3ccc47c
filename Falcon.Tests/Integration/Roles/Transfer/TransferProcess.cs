using System.Diagnostics;
using System.Globalization;
using System.Text;
using Falcon.Tests.Integration.Hosting;
using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration.Roles.Transfer;

/// <summary>`falcon run --role transfer` as a real process, on a queue directory and JSON-RPC port the test chooses.</summary>
internal sealed class TransferProcess : IDisposable
{
    private readonly ProcessShutdownTests.FalconProcess _falcon;

    private TransferProcess(ProcessShutdownTests.FalconProcess falcon, string rpcAddress)
    {
        _falcon = falcon;
        RpcAddress = rpcAddress;
        Output = ProcessShutdownTests.Capture(falcon.Process);
    }

    public string RpcAddress { get; }

    public StringBuilder Output { get; }

    public Process Process => _falcon.Process;

    public static TransferProcess Start(string queuePath, Uri writeUrl, params string[] overrides)
    {
        var rpc = $"127.0.0.1:{ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}";
        List<string> arguments =
        [
            "run", "--role", "transfer",
            "--set", $"transfer.rpcListen={rpc}",
            "--set", $"transfer.httpListen=127.0.0.1:{ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}",
            "--set", $"transfer.queue.path={queuePath}",
            "--set", "transfer.batchDelay=00:00:00.050",
            "--set", "transfer.maxRetryDelay=00:00:00.500",
            "--set", $"tsdb.writeUrl={writeUrl}",
            "--set", "tsdb.timeout=00:00:01",
        ];
        foreach (var setting in overrides)
        {
            arguments.Add("--set");
            arguments.Add(setting);
        }

        return new TransferProcess(ProcessShutdownTests.StartFalcon([.. arguments]), rpc);
    }

    /// <summary>A connection once the process listens (it may still be starting).</summary>
    public async Task<GoClientConnection> ConnectAsync()
    {
        GoClientConnection? connection = null;
        await Poll.UntilAsync(
            async () =>
            {
                Assert.That(Process.HasExited, Is.False, "transfer exited while starting:\n" + Output);
                try
                {
                    connection = await GoClientConnection.OpenAsync(RpcAddress);
                    return true;
                }
                catch (System.Net.Sockets.SocketException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            "transfer listening");
        return connection!;
    }

    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cancel.Token);
        return Process.ExitCode;
    }

    public void Dispose() => _falcon.Dispose();
}
