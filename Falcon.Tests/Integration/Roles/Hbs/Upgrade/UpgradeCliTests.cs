using System.CommandLine;
using System.Net;
using Falcon.Cli;
using Falcon.Cli.Upgrade;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>`falcon upgrade push|status|cancel` against the routes on a real listener and Redis.</summary>
[Category("Integration")]
public sealed class UpgradeCliTests
{
    [Test]
    public async Task PushStatusCancel_DriveTheTaskThroughHbs()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false, o => o.MaxAttempts = 1);
        var hbs = harness.CreateCoordinator();
        await using var server = await UpgradeHttpServer.StartAsync(hbs, IPAddress.Loopback);
        var listen = $"hbs.httpListen=0.0.0.0:{server.Address.Port}";
        var binary = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(binary, "#!/bin/sh\necho falcon 7.1.0\n"u8.ToArray());
            const string Md5 = "4496e21e1fdd659729f84a22d45ccbda"; // md5sum of the bytes above

            var push = await RunAsync("upgrade", "push", "--version", "7.1.0", "--url", "http://dl.example.com/falcon", "--file", binary, "--set", listen);
            await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("done-host", "7.1.0"), CancellationToken.None);
            await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("bad-host"), CancellationToken.None);
            await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("bad-host"), CancellationToken.None);
            await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("busy-host"), CancellationToken.None);
            var status = await RunAsync("upgrade", "status", "--hbs", $"127.0.0.1:{server.Address.Port}");
            // Settled (nothing in flight or waiting), --watch prints once and returns instead of refreshing.
            await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("busy-host", "7.1.0"), CancellationToken.None);
            var watch = await RunAsync("upgrade", "status", "--watch", "--interval", "1", "--set", listen);
            var cancel = await RunAsync("upgrade", "cancel", "--set", listen);
            var args = await hbs.GetArgsAsync(CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(push.Code, Is.EqualTo(ExitCodes.Ok), push.Error);
                Assert.That(push.Output, Does.Contain($"http://dl.example.com/falcon/bin_7.1.0 (md5 {Md5}, sha256 "));
                Assert.That(status.Code, Is.EqualTo(ExitCodes.Ok), status.Error);
                Assert.That(status.Output, Does.Contain("upgrade to 7.1.0: running, rollout phase"));
                Assert.That(status.Output, Does.Contain("upgraded 1 / in flight 1 / failed 1 / remaining 0"));
                Assert.That(status.Output, Does.Contain("bad-host   given up   1 attempt(s)  still at version 7.0.0 after the upgrade command"));
                Assert.That(status.Output, Does.Contain("busy-host  in flight  1 attempt(s)"));
                Assert.That(watch.Code, Is.EqualTo(ExitCodes.Ok), watch.Error);
                Assert.That(watch.Output, Does.Contain("upgraded 2 / in flight 0 / failed 1 / remaining 0").And.Contain("every host seen since the push is upgraded or failed"));
                Assert.That(cancel.Code, Is.EqualTo(ExitCodes.Ok), cancel.Error);
                Assert.That(cancel.Output.Trim(), Is.EqualTo("upgrade cancelled"));
                Assert.That(args.Version, Is.Empty);
            });
        }
        finally
        {
            File.Delete(binary);
        }
    }

    [Test]
    public async Task Push_ToANonLoopbackHbs_UsesTheConfiguredToken()
    {
        var address = UpgradeHttpServer.NonLoopbackAddress();
        if (address is null)
        {
            Assert.Inconclusive("this machine has no non-loopback IPv4 address");
        }

        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        await using var server = await UpgradeHttpServer.StartAsync(harness.CreateCoordinator(), address!);
        string[] push = ["upgrade", "push", "--version", "7.1.0", "--url", "http://dl/falcon", "--md5", new string('a', 32), "--hbs", server.Address.ToString()];

        var refused = await RunAsync(push);
        var accepted = await RunAsync([.. push, "--set", $"host.adminToken={UpgradeHttpServer.AdminToken}"]);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(refused.Error, Does.Contain("hbs refused: no privilege").And.Contain("--token"));
            Assert.That(accepted.Code, Is.EqualTo(ExitCodes.Ok), accepted.Error);
        });
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { UpgradeCommand.Create() };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
