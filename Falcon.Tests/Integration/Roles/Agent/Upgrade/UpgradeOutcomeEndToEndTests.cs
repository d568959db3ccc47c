using System.CommandLine;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Falcon.Cli;
using Falcon.Cli.Upgrade;
using Falcon.Shared.Releases;
using Falcon.Tests.Integration.Roles.Hbs;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Roles.Agent.Upgrade;

/// <summary>
/// What `falcon upgrade status` shows of failed attempts, end to end: published agents (the cached 7.0.1 of
/// <see cref="FalconPublish"/>) under the systemd stand-in, a real nginx as the download server, a whole hbs role, and
/// the CLI reading hbs's status route. The reasons come from the agents' own reports in their heartbeats.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class UpgradeOutcomeEndToEndTests
{
    private const string OldVersion = "7.0.1";
    private const string RollbackReason = "rolled back by the watchdog: 3 starts used up";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);
    private string _dist = null!;
    private string _oldBinary = null!;
    private NginxServer _nginx = null!;
    private PortalDatabase _database = null!;
    private HbsInstance _hbs = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _dist = await FalconPublish.GetAsync(OldVersion);
        _oldBinary = Path.Combine(_dist, "falcon");
        _nginx = await NginxServer.StartAsync("location ^~ /denied/ { deny all; }");
        _database = await PortalDatabase.CreateAsync();
        // Two attempts per host, the second 5 s after the first failed, two hosts at once (the issue's trial had a cap of 2).
        _hbs = await HbsInstance.StartAsync(
            _database,
            await TestServers.RedisAsync(),
            $"outcome_{Guid.NewGuid():N}",
            "hbs.upgrade.maxAttempts=2",
            "hbs.upgrade.retryBackoff=00:00:05",
            "hbs.upgrade.maxConcurrent=2");
    }

    [SetUp]
    public async Task CancelTaskAsync()
    {
        using var http = new HttpClient();
        using var response = await http.DeleteAsync(new Uri(_hbs.HttpAddress, "/agent/upgrade"));
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        await _hbs.DisposeAsync();
        await _database.DisposeAsync();
        await _nginx.DisposeAsync();
    }

    [Test]
    public async Task A403FromTheDownloadServer_ShowsAsAFailedAttemptNamingTheStatus_ThenGivenUp()
    {
        const string target = "7.0.5";
        await using var agent = SupervisedAgent.Start(_oldBinary, _hbs.RpcAddress, retryDelay: "00:00:01");
        await WaitForVersionAsync(agent, OldVersion);

        await PushAsync(target, new Uri(_nginx.BaseAddress, "/denied").ToString(), new string('0', 64));

        var reason = Regex.Escape($"download of {new Uri(_nginx.BaseAddress, $"/denied/bin_{target}")} answered 403 Forbidden");
        var seen = new List<string>();
        var status = await StatusUntilAsync(
            output =>
            {
                if (HostLine(output, agent.Hostname) is { } line && (seen.Count == 0 || seen[^1] != line))
                {
                    seen.Add(line);
                }

                return seen.Count > 0 && seen[^1].Contains("given up", StringComparison.Ordinal);
            },
            "the host is given up after two 403s",
            agent);

        Assert.Multiple(async () =>
        {
            Assert.That(seen, Has.Some.Match($@"^\s+{agent.Hostname}\s+failed\s+1 attempt\(s\), retried after \d\d:\d\d:\d\dZ\s+{reason}$"), string.Join("\n", seen));
            Assert.That(HostLine(status, agent.Hostname), Does.Match($@"^\s+{agent.Hostname}\s+given up\s+2 attempt\(s\)\s+{reason}$"), status);
            Assert.That(status, Does.Contain("failed 1 / remaining 0 / last attempt failed on 1 (rolled back 0)"));
            Assert.That(agent.AgentLog, Does.Contain($"upgrade to {target} failed"));
            Assert.That(await agent.RunningVersionAsync(), Is.EqualTo(OldVersion), "the old agent keeps running");
            Assert.That(agent.Starts, Is.EqualTo(1), "nothing was swapped or restarted:\n" + agent.Describe());
        });
    }

    [Test]
    public async Task AVersionThatCrashLoopsOnThreeAgents_IsRolledBackOnEach_ThenGivenUpAfterMaxAttempts()
    {
        const string crashing = "7.0.9";
        var script = Encoding.UTF8.GetBytes($"#!/bin/sh\nif [ \"$1\" = version ]; then echo {crashing}; exit 0; fi\necho 'simulated crash at start' >&2\nexit 1\n");
        await using (var file = File.Create(Path.Combine(_nginx.Root, $"bin_{crashing}.gz")))
        await using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        {
            await gzip.WriteAsync(script);
        }

        // The agents hold a failed version off for 1 s, less than hbs's 5 s: each retry hbs grants is really made.
        await using var first = SupervisedAgent.Start(_oldBinary, _hbs.RpcAddress, retryDelay: "00:00:01");
        await using var second = SupervisedAgent.Start(_oldBinary, _hbs.RpcAddress, retryDelay: "00:00:01");
        await using var third = SupervisedAgent.Start(_oldBinary, _hbs.RpcAddress, retryDelay: "00:00:01");
        SupervisedAgent[] agents = [first, second, third];
        foreach (var agent in agents)
        {
            await WaitForVersionAsync(agent, OldVersion);
        }

        await PushAsync(crashing, _nginx.BaseAddress.ToString(), Convert.ToHexStringLower(SHA256.HashData(script)));

        var (status, seen) = await WatchUntilGivenUpAsync(agents);
        var history = string.Join("\n", seen.Select(h => $"{h.Key}:\n  {string.Join("\n  ", h.Value)}"));

        Assert.Multiple(async () =>
        {
            foreach (var agent in agents)
            {
                Assert.That(seen[agent.Hostname], Has.Some.Match($@"^\s+{agent.Hostname}\s+rolled back\s+1 attempt\(s\), retried after \d\d:\d\d:\d\dZ\s+{Regex.Escape(RollbackReason)}$"), history);
                Assert.That(HostLine(status, agent.Hostname), Does.Match($@"^\s+{agent.Hostname}\s+given up\s+2 attempt\(s\)\s+{Regex.Escape(RollbackReason)}$"), status);
                Assert.That(agent.SupervisorLog.Split('\n').Count(l => l == "exit 1"), Is.EqualTo(6), "two attempts of three crashing starts:\n" + agent.Describe());
                Assert.That(await agent.RunningVersionAsync(), Is.EqualTo(OldVersion), "the old agent runs again:\n" + agent.Describe());
            }

            Assert.That(status, Does.Contain("upgraded 0 / in flight 0 / failed 3 / remaining 0 / last attempt failed on 3 (rolled back 3)"));
        });
    }

    [Test]
    public async Task AReleaseSignedByAnotherKey_IsRefusedUnrunByThreeAgentsWithTheReleaseKey_AndShownWithTheReason()
    {
        const string target = "7.0.7";
        var ran = Path.Combine(Path.GetTempPath(), $"falcon-test-ran-{Guid.NewGuid():N}");
        var script = Encoding.UTF8.GetBytes($"#!/bin/sh\ntouch '{ran}'\nif [ \"$1\" = version ]; then echo {target}; exit 0; fi\nexit 0\n");
        await using (var file = File.Create(Path.Combine(_nginx.Root, $"bin_{target}.gz")))
        await using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        {
            await gzip.WriteAsync(script);
        }

        using (var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(Path.Combine(_nginx.Root, $"bin_{target}.sig"), ReleaseSignature.Sign(otherKey, new MemoryStream(script)));
        }

        // The agents trust the key ./build.sh publish signed their own binary with.
        string[] keys = [$"    publicKeys: [\"{(await File.ReadAllTextAsync(Path.Combine(_dist, FalconPublish.PublicKeyFile))).Trim()}\"]"];
        await using var first = SupervisedAgent.Start(_oldBinary, _hbs.RpcAddress, keys, retryDelay: "00:00:01");
        await using var second = SupervisedAgent.Start(_oldBinary, _hbs.RpcAddress, keys, retryDelay: "00:00:01");
        await using var third = SupervisedAgent.Start(_oldBinary, _hbs.RpcAddress, keys, retryDelay: "00:00:01");
        SupervisedAgent[] agents = [first, second, third];
        foreach (var agent in agents)
        {
            await WaitForVersionAsync(agent, OldVersion);
        }

        await PushAsync(target, _nginx.BaseAddress.ToString(), Convert.ToHexStringLower(SHA256.HashData(script)));

        var (status, seen) = await WatchUntilGivenUpAsync(agents);
        var history = string.Join("\n", seen.Select(h => $"{h.Key}:\n  {string.Join("\n  ", h.Value)}"));

        Assert.Multiple(async () =>
        {
            Assert.That(File.Exists(ran), Is.False, "no agent ran the refused file, not even for its version check");
            foreach (var agent in agents)
            {
                Assert.That(seen[agent.Hostname], Has.Some.Match($@"^\s+{agent.Hostname}\s+failed\s+1 attempt\(s\), retried after \d\d:\d\d:\d\dZ\s+signature check failed: .*does not match the download"), history);
                Assert.That(HostLine(status, agent.Hostname), Does.Match($@"^\s+{agent.Hostname}\s+given up\s+2 attempt\(s\)\s+signature check failed: "), status);
                Assert.That(await agent.RunningVersionAsync(), Is.EqualTo(OldVersion));
                Assert.That(agent.Starts, Is.EqualTo(1), "nothing was swapped or restarted:\n" + agent.Describe());
            }
        });
    }

    // Polls `falcon upgrade status` until every agent's host is given up, keeping each host's lines on the way (the
    // states an operator watching it sees).
    private async Task<(string Status, Dictionary<string, List<string>> Seen)> WatchUntilGivenUpAsync(SupervisedAgent[] agents)
    {
        var seen = agents.ToDictionary(a => a.Hostname, _ => new List<string>());
        var status = await StatusUntilAsync(
            output =>
            {
                foreach (var agent in agents)
                {
                    if (HostLine(output, agent.Hostname) is { } line && (seen[agent.Hostname].Count == 0 || seen[agent.Hostname][^1] != line))
                    {
                        seen[agent.Hostname].Add(line);
                    }
                }

                return agents.All(a => HostLine(output, a.Hostname)?.Contains("given up", StringComparison.Ordinal) == true);
            },
            $"all {agents.Length} hosts given up",
            agents);
        return (status, seen);
    }

    private static string? HostLine(string status, string hostname) =>
        status.Split('\n').FirstOrDefault(l => l.StartsWith($"  {hostname} ", StringComparison.Ordinal))?.TrimEnd();

    // Polls the CLI until accept holds; the failure names the last status and the agents' logs.
    private async Task<string> StatusUntilAsync(Func<string, bool> accept, string what, params SupervisedAgent[] agents)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var status = await StatusAsync();
            if (accept(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not within {Timeout}: {what}; last status:\n{status}\n{string.Join("\n", agents.Select(a => a.Describe()))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    // `falcon upgrade status --hbs <address>`, as an operator runs it.
    private async Task<string> StatusAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { UpgradeCommand.Create() };
        var code = await root.Parse(["upgrade", "status", "--hbs", $"127.0.0.1:{_hbs.HttpAddress.Port}"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error.ToString());
        return output.ToString();
    }

    private async Task WaitForVersionAsync(SupervisedAgent agent, string version)
    {
        await Poll.UntilAsync(
            async () => await agent.RunningVersionAsync() == version && await HbsVersionAsync(agent.Hostname) == version,
            Timeout,
            $"{agent.Hostname} runs and reports {version}:\n{agent.Describe()}");
    }

    private async Task<string?> HbsVersionAsync(string hostname)
    {
        using var http = new HttpClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(_hbs.HttpAddress, "/agentversions")));
        return document.RootElement.GetProperty("data").TryGetProperty(hostname, out var version) ? version.GetString() : null;
    }

    private async Task PushAsync(string version, string wgetUrl, string sha256)
    {
        using var http = new HttpClient();
        var body = $$"""{"type":0,"wgeturl":"{{wgetUrl.TrimEnd('/')}}","version":"{{version}}","binfile_md5":"{{new string('0', 32)}}","binfile_sha256":"{{sha256}}"}""";
        using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await http.PostAsync(new Uri(_hbs.HttpAddress, "/agent/upgrade"), content);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }
}
