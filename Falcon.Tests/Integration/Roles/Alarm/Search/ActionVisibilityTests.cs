using Falcon.Roles.Alarm.Search;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Alarm.Search;

/// <summary>The team → action → template/expression map read from a real falcon_portal: cached for its TTL, kept when the portal fails.</summary>
[Category("Integration")]
public sealed class ActionVisibilityTests
{
    private static readonly AlarmCaller Ops = new("alice", false, ["ops"]);

    private PortalDatabase _database = null!;
    private FakeTimeProvider _time = null!;
    private ActionVisibility _visibility = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await PortalDatabase.CreateAsync();
        await _database.ExecuteAsync("""
            INSERT INTO action (id, uic) VALUES (1, 'ops,web'), (2, 'dba');
            INSERT INTO tpl (id, tpl_name, action_id) VALUES (10, 'a', 1), (20, 'b', 2), (30, 'c', 0);
            INSERT INTO expression (id, expression, action_id) VALUES (5, 'each(metric=x)', 1), (6, 'each(metric=y)', 2);
            """);
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _visibility = new ActionVisibility(
            _database.Databases,
            Microsoft.Extensions.Options.Options.Create(new AlarmSearchOptions { VisibilityCacheTtl = TimeSpan.FromSeconds(30) }),
            _time,
            NullLogger<ActionVisibility>.Instance);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _visibility.Dispose();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task ATeam_SeesTheTemplatesAndExpressionsOfItsActions()
    {
        var visible = await _visibility.VisibleToAsync(Ops, CancellationToken.None);
        var resolve = await _visibility.ActionResolverAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(visible.All, Is.False);
            Assert.That(visible.TemplateIds, Is.EqualTo(new long[] { 10 }));
            Assert.That(visible.ExpressionIds, Is.EqualTo(new long[] { 5 }));
            Assert.That(resolve(20, 0), Is.EqualTo(2));
            Assert.That(resolve(10, 6), Is.EqualTo(2), "an expression's case goes by its expression");
            Assert.That(resolve(30, 0), Is.Zero);
        });
    }

    [Test]
    public async Task APortalChange_IsSeenOnlyAfterTheCacheTtl()
    {
        await _visibility.VisibleToAsync(Ops, CancellationToken.None);
        await _database.ExecuteAsync("UPDATE action SET uic = 'ops' WHERE id = 2");

        var cached = await _visibility.VisibleToAsync(Ops, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(31));
        var reloaded = await _visibility.VisibleToAsync(Ops, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(cached.TemplateIds, Is.EqualTo(new long[] { 10 }));
            Assert.That(reloaded.TemplateIds, Is.EqualTo(new long[] { 10, 20 }));
            Assert.That(reloaded.ExpressionIds, Is.EqualTo(new long[] { 5, 6 }));
        });
    }

    [Test]
    public async Task WhenThePortalFails_TheLastMapIsKept_AndWithNoneTheErrorShows()
    {
        await _visibility.VisibleToAsync(Ops, CancellationToken.None);
        await _database.ExecuteAsync("RENAME TABLE action TO action_gone");
        _time.Advance(TimeSpan.FromSeconds(31));

        var kept = await _visibility.VisibleToAsync(Ops, CancellationToken.None);
        using var fresh = new ActionVisibility(
            _database.Databases, Microsoft.Extensions.Options.Options.Create(new AlarmSearchOptions()), _time, NullLogger<ActionVisibility>.Instance);

        Assert.Multiple(() =>
        {
            Assert.That(kept.TemplateIds, Is.EqualTo(new long[] { 10 }));
            Assert.That(async () => await fresh.VisibleToAsync(Ops, CancellationToken.None), Throws.InstanceOf<MySqlException>());
        });
    }

    [Test]
    public async Task TheAdminAndTeamlessCallers_NeedNoPortal()
    {
        await _database.ExecuteAsync("RENAME TABLE action TO action_gone");

        var admin = await _visibility.VisibleToAsync(AlarmCaller.Admin, CancellationToken.None);
        var teamless = await _visibility.VisibleToAsync(new AlarmCaller("frank", false, []), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(admin.All, Is.True);
            Assert.That(teamless.None, Is.True);
        });
    }
}
