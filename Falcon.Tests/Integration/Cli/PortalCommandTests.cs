using Falcon.Shared.Portal.Audit;
using Falcon.Tests.Cli;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;
using MySqlConnector;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Cli;

/// <summary>
/// `falcon portal export|import` with the console's real configuration kinds against real MariaDB databases of the
/// test's own: export, import into an empty database, export again gives the same file.
/// </summary>
[Category("Integration")]
public sealed class PortalCommandTests
{
    // Hand-written as a person would: a child template before its parent, flow lists, quoted numbers.
    private const string Seed = """
        users:
        - name: alice
          cnname: Alice Liddell
          email: alice@example.com
          phone: "13800000000"
          im: alice.im
          role: 1
        - {name: bob, cnname: 鲍勃, email: bob@example.com, role: 0}
        teams:
        - name: ops
          resume: "on call: weekdays # and weekends"
          creator: alice
          members: [alice, bob]
        templates:
        - name: sa.child
          parent: sa.base
          strategies:
          - metric: disk.io.util
            tags: device=sda
            func: all(#3)
            op: ">"
            rightValue: "90"
            maxStep: 3
            priority: 2
            runBegin: "00:00"
            runEnd: "08:00"
            note: disk busy
        - name: sa.base
          strategies:
          - {metric: cpu.idle, func: "all(#3)", op: "<", rightValue: "10"}
          action:
            teams: [ops]
            url: http://example.com/callback
            callback: true
            escalations:
            - afterMinutes: 30
              teams: [ops]
        groups:
        - name: web
          tags: [shop/web]
          hosts: [web-01, web-02]
          templates: [sa.child]
        hosts:
        - name: web-01
          maintainBegin: 1700000000
          maintainEnd: 1800000000
        expressions:
        - expression: each(metric=net.port.listen port=80)
          func: all(#2)
          op: "=="
          rightValue: "0"
          maxStep: 2
          priority: 1
          note: nginx not listening
          action:
            teams: [ops]
        aggregates:
        - name: web-cpu
          target: web
          counter: cpu.idle
          methods: [avg, min]
        """;

    private readonly List<string> _files = [];
    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedisAsync() => _redis = await RedisServer.StartAsync(cluster: false);

    [OneTimeTearDown]
    public async Task StopRedisAsync() => await _redis.DisposeAsync();

    [TearDown]
    public void RemoveFiles()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }

        _files.Clear();
    }

    [Test]
    public async Task Export_ThenImportIntoAnEmptyDatabase_ThenExport_GivesTheSameFile_AndOneChangeSignal()
    {
        await using var a = await PortalDatabase.CreateAsync();
        await using var b = await PortalDatabase.CreateAsync();
        await ImportOkAsync(a, await FileAsync(Seed));
        var fileA = NewFile();
        var exportA = await Cli(a, "portal", "export", "--out", fileA);
        Assert.That(exportA.Code, Is.Zero, exportA.Error);
        var textA = await File.ReadAllTextAsync(fileA);

        var heard = new List<string>();
        await using var listener = await ConnectionMultiplexer.ConnectAsync(_redis.Connection);
        await listener.GetSubscriber().SubscribeAsync(ConfigChangeSignal.Changed, (_, message) => { lock (heard) { heard.Add(message!); } });
        var import = await Cli(b, "portal", "import", fileA);
        var exportB = await Cli(b, "portal", "export");

        Assert.That(import.Code, Is.Zero, import.Error);
        Assert.That(exportB.Code, Is.Zero, exportB.Error);
        Assert.That(exportB.Output, Is.EqualTo(textA), "export → import into an empty database → export round-trips exactly");
        Assert.Multiple(() =>
        {
            Assert.That(textA.IndexOf("- name: sa.base", StringComparison.Ordinal), Is.LessThan(textA.IndexOf("- name: sa.child", StringComparison.Ordinal)), "parents before children");
            Assert.That(textA, Does.Contain("rightValue: \"90\"").And.Contain("device=sda").And.Contain("鲍勃").And.Contain("maintainEnd: 1800000000"));
            Assert.That(textA, Does.Not.Contain("passwd"));
            Assert.That(textA.IndexOf("users:", StringComparison.Ordinal), Is.LessThan(textA.IndexOf("teams:", StringComparison.Ordinal)));
            Assert.That(import.Output, Does.Contain("created template sa.base").And.Contain("created group web").And.Contain("change signal sent"));
        });
        await Poll.UntilAsync(() => Task.FromResult(Count(heard) >= 1), TimeSpan.FromSeconds(10), "the import's change signal");
        Assert.That(Count(heard), Is.EqualTo(1), "one signal for the whole import");

        var again = await Cli(b, "portal", "import", fileA);
        Assert.That(again.Output, Does.Contain("templates: 0 created, 0 updated, 0 deleted, 2 unchanged").And.Not.Contain("change signal"), again.Error);
    }

    [Test]
    public async Task WithSecrets_CarriesPasswordHashesThroughImport_AndWithoutItNoneAppear()
    {
        await using var a = await PortalDatabase.CreateAsync();
        await using var b = await PortalDatabase.CreateAsync();
        await ImportOkAsync(a, await FileAsync(Seed));
        await UicAsync(a, "UPDATE `user` SET passwd = 'c4ca4238a0b923820dcc509a6f75849b' WHERE name = 'alice'");

        var plain = await Cli(a, "portal", "export");
        var secret = NewFile();
        var withSecrets = await Cli(a, "portal", "export", "--with-secrets", "--out", secret);
        await ImportOkAsync(b, secret);

        Assert.That(plain.Output, Does.Not.Contain("passwd").And.Not.Contain("c4ca4238"));
        Assert.That(withSecrets.Code, Is.Zero, withSecrets.Error);
        var text = await File.ReadAllTextAsync(secret);
        Assert.That(text, Does.Contain("passwd: c4ca4238a0b923820dcc509a6f75849b").And.Contain("passwd: \"\""));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(secret), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "a file with hashes is its owner's only");
        }
        Assert.That(await UicAsync(b, "SELECT passwd FROM `user` WHERE name = 'alice'"), Is.EqualTo("c4ca4238a0b923820dcc509a6f75849b"));
    }

    [Test]
    public async Task Replace_DeletesWhatTheFileLacks_AndAPlainImportKeepsIt()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var seed = await FileAsync(Seed);
        await ImportOkAsync(db, seed);
        await ImportOkAsync(db, await FileAsync("groups:\n- {name: old, hosts: [db-01]}\ntemplates:\n- {name: scratch}\n"));

        var merge = await Cli(db, "portal", "import", seed);
        Assert.That(merge.Code, Is.Zero, merge.Error);
        Assert.That(await PortalAsync(db, "SELECT COUNT(*) FROM grp WHERE grp_name = 'old'"), Is.EqualTo(1L), "a merge leaves other objects alone");

        var replace = await Cli(db, "portal", "import", seed, "--replace");

        Assert.That(replace.Code, Is.Zero, replace.Error);
        Assert.That(replace.Output, Does.Contain("deleted group old").And.Contain("deleted template scratch").And.Not.Contain("deleted user"));
        Assert.That(await PortalAsync(db, "SELECT COUNT(*) FROM grp WHERE grp_name = 'old'"), Is.Zero);
        Assert.That(await PortalAsync(db, "SELECT COUNT(*) FROM tpl"), Is.EqualTo(2L));
        Assert.That(await PortalAsync(db, "SELECT COUNT(*) FROM falcon_audit WHERE action = 'delete' AND actor = 'portal-import' AND object = 'old'"), Is.EqualTo(1L));
    }

    [Test]
    public async Task DryRun_SaysWhatWouldChange_AndWritesNothing()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await ImportOkAsync(db, await FileAsync(Seed));
        var audits = await PortalAsync(db, "SELECT COUNT(*) FROM falcon_audit");
        // One strategy's threshold changed and a group added.
        var groupsAdded = await FileAsync(Seed.Replace("  templates: [sa.child]", "  templates: [sa.child]\n- name: api", StringComparison.Ordinal).Replace("rightValue: \"10\"", "rightValue: \"5\"", StringComparison.Ordinal));

        var dry = await Cli(db, "portal", "import", groupsAdded, "--dry-run", "--replace");

        Assert.That(dry.Code, Is.Zero, dry.Error);
        Assert.That(dry.Output, Does.Contain("would update template sa.base").And.Contain("would create group api").And.Contain("dry run: nothing was written"));
        Assert.That(await PortalAsync(db, "SELECT COUNT(*) FROM grp WHERE grp_name = 'api'"), Is.Zero);
        Assert.That(await PortalAsync(db, "SELECT right_value FROM strategy WHERE metric = 'cpu.idle'"), Is.EqualTo("10"));
        Assert.That(await PortalAsync(db, "SELECT COUNT(*) FROM falcon_audit"), Is.EqualTo(audits));
    }

    [Test]
    public async Task ABadObject_IsNamedWithItsField_AndItsDatabaseIsLeftAsItWas()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var bad = await FileAsync(Seed.Replace("func: all(#3)", "func: bogus(#3)", StringComparison.Ordinal));

        var import = await Cli(db, "portal", "import", bad);

        Assert.That(import.Code, Is.EqualTo(1));
        Assert.That(import.Error, Does.Contain("templates[0] 'sa.child' (line 15)").And.Contain("func"), import.Error);
        Assert.That(import.Error, Does.Contain("nothing was written to falcon_portal").And.Contain("uic imported before it stays imported"));
        Assert.That(await PortalAsync(db, "SELECT COUNT(*) FROM tpl"), Is.Zero);
        Assert.That(await PortalAsync(db, "SELECT COUNT(*) FROM grp"), Is.Zero);

        var unknown = await Cli(db, "portal", "import", await FileAsync("tempaltes: []\n"));
        Assert.That(unknown.Code, Is.EqualTo(1));
        Assert.That(unknown.Error, Does.Contain("unknown list 'tempaltes'"));
    }

    private async Task ImportOkAsync(PortalDatabase db, string file)
    {
        var result = await Cli(db, "portal", "import", file);
        Assert.That(result.Code, Is.Zero, $"{result.Output}\n{result.Error}");
    }

    private Task<(int Code, string Output, string Error)> Cli(PortalDatabase db, params string[] args) =>
        FalconCliTests.InvokeAsync(
        [
            .. args,
            "--set", $"mysql.uic={db.Options.Uic}",
            "--set", $"mysql.portal={db.Options.Portal}",
            "--set", $"mysql.alarms={db.Options.Alarms}",
            "--set", $"redis.connection={_redis.Connection}",
        ]);

    private async Task<string> FileAsync(string yaml)
    {
        var path = NewFile();
        await File.WriteAllTextAsync(path, yaml);
        return path;
    }

    private string NewFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"falcon-portal-{Guid.NewGuid():N}.yaml");
        _files.Add(path);
        return path;
    }

    private static int Count(List<string> heard)
    {
        lock (heard)
        {
            return heard.Count;
        }
    }

    private static async Task<object?> PortalAsync(PortalDatabase db, string sql) => Normalize(await db.ScalarAsync(sql));

    private static async Task<object?> UicAsync(PortalDatabase db, string sql)
    {
        await using var connection = await db.Databases.Uic.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand(sql, connection);
        return Normalize(await command.ExecuteScalarAsync());
    }

    private static object? Normalize(object? value) => value is long or int or ulong ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : value;
}
