using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>The upgrade test: 200 agents, a cap of 20, two hbs instances sharing Redis.</summary>
[Category("Integration")]
public sealed class UpgradeFleetTests
{
    private const int Agents = 200;
    private const int Cap = 20;
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task TwoHbsInstances_Upgrade200Agents_WithoutEverExceedingTheCap(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o =>
        {
            o.MaxConcurrent = Cap;
            o.SlotTimeout = TimeSpan.FromMinutes(5);
            o.FailurePauseRatio = 1;
        });
        UpgradeCoordinator[] hbs = [harness.CreateCoordinator(), harness.CreateCoordinator()];
        var db = await harness.DatabaseAsync();
        var agents = Enumerable.Range(0, Agents)
            .Select(i => new SimulatedAgent($"host-{i:D3}", heartbeatsToUpgrade: 1 + (i % 3), diesWhileUpgrading: i % 40 == 7))
            .ToList();
        await hbs[0].PushAsync(UpgradeHarness.NewTask(), CancellationToken.None);

        // Watches the slot set continuously while heartbeats run, not only between rounds.
        using var stop = new CancellationTokenSource();
        long maxSlots = 0;
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                maxSlots = Math.Max(maxSlots, await db.SortedSetLengthAsync(harness.Keys.Slots));
            }
        });

        // Agents upgrading right now, as the fleet sees it: from receiving the args until restarting on the new version
        // (or, for a dead agent, until its slot deadline). Counted up after the grant and down before the slot is
        // released, so it can only lag the slot set, and any over-grant would show.
        var holding = 0;
        var maxHolding = 0;
        var rounds = 0;
        try
        {
            for (; rounds < 120 && !agents.All(a => a.Upgraded || a.Dead); rounds++)
            {
                var nowMs = harness.Time.GetUtcNow().ToUnixTimeMilliseconds();
                holding -= agents.Count(a => a.SlotExpired(nowMs, harness.Options.SlotTimeout));

                var round = rounds;
                await Task.WhenAll(agents.Select((agent, i) => Task.Run(async () =>
                {
                    if (agent.Dead)
                    {
                        return;
                    }

                    var wasUpgrading = agent.InUpgrading;
                    var heartbeat = agent.NextHeartbeat();
                    if (wasUpgrading && agent.Upgraded)
                    {
                        // Restarted on the new version: no longer upgrading, though its slot is freed only by this heartbeat.
                        Interlocked.Decrement(ref holding);
                    }

                    // Agents land on either hbs from one heartbeat to the next, as behind a load balancer.
                    var args = await hbs[(i + round) % 2].OnHeartbeatAsync(heartbeat, CancellationToken.None);

                    if (args is not null)
                    {
                        agent.Receive(args, nowMs);
                        var now = Interlocked.Increment(ref holding);
                        InterlockedMax(ref maxHolding, now);
                    }
                })));

                Assert.That(await db.SortedSetLengthAsync(harness.Keys.Slots), Is.LessThanOrEqualTo(Cap), $"slots after round {round}");
                harness.Time.Advance(HeartbeatInterval);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await watcher;
        }

        harness.Time.Advance(harness.Options.SlotTimeout);
        var status = await hbs[1].GetStatusAsync(CancellationToken.None);
        var dead = agents.Where(a => a.Dead).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(maxSlots, Is.LessThanOrEqualTo(Cap), "slot set size observed at any instant");
            Assert.That(maxHolding, Is.LessThanOrEqualTo(Cap), "agents holding the args at once");
            Assert.That(maxHolding, Is.EqualTo(Cap), "the cap was reached, so it was really contended");
            Assert.That(agents.Where(a => a.Received == 0).Select(a => a.Hostname), Is.Empty, "agents never sent the args");
            Assert.That(agents.Where(a => !a.Dead && !a.Upgraded).Select(a => a.Hostname), Is.Empty, "live agents not upgraded");
            Assert.That(dead, Has.Count.EqualTo(5));
            Assert.That(status.Done, Is.EqualTo(Agents - dead.Count));
            Assert.That(status.InFlight, Is.Zero, "the dead agents' slots were freed at their deadline");
            Assert.That(status.Remaining, Is.EqualTo(dead.Count), "dead agents wait for a retry they will never ask for");
        });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
