using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Hbs.Config;

public sealed partial class PortalSnapshotLoaderTests
{
    private static readonly long MaintainBegin = Noon.ToUnixTimeSeconds() - 3600;
    private static readonly long MaintainEnd = Noon.ToUnixTimeSeconds() + 3600;

    // A small, realistic portal: "web" (parent "base") bound to group web {web01, web02 in maintenance};
    // "db" and "base" bound to group db {db01}; expressions with and without action or pause; plugin dirs.
    private static async Task InsertSetupAsync(FalconDatabases databases)
    {
        await using var connection = await databases.Portal.OpenConnectionAsync(CancellationToken.None);
        await InsertHostAsync(connection, 1, "web01", 0, 0);
        await InsertHostAsync(connection, 2, "web02", MaintainBegin, MaintainEnd);
        await InsertHostAsync(connection, 3, "db01", 0, 0);
        await ExecuteAsync(connection, "INSERT INTO grp (id, grp_name, create_user) VALUES (1, 'web', 'root'), (2, 'db', 'root')");
        await ExecuteAsync(connection, "INSERT INTO grp_host (grp_id, host_id) VALUES (1, 1), (1, 2), (2, 3)");
        await ExecuteAsync(connection, "INSERT INTO tpl (id, tpl_name, parent_id, action_id, create_user) VALUES (1, 'base', 0, 11, 'root'), (2, 'web', 1, 12, 'alice'), (3, 'db', 0, 13, 'bob')");
        await ExecuteAsync(connection, "INSERT INTO grp_tpl (grp_id, tpl_id, bind_user) VALUES (1, 2, 'root'), (2, 3, 'root'), (2, 1, 'root')");
        await InsertStrategyAsync(connection, 101, 1, "cpu.idle", "", "all(#3)", "<", "10", 3, 1, "idle low", "", "");
        await InsertStrategyAsync(connection, 102, 1, "df.bytes.free.percent", "mount=/", "all(#1)", "<", "5", 1, 0, "", "", "");
        await InsertStrategyAsync(connection, 201, 2, "cpu.idle", "", "all(#3)", "<", "1.5", 3, 1, "", "", "");
        await InsertStrategyAsync(connection, 202, 2, "net.port.listen", "port=80", "all(#1)", "==", "0", 1, 0, "", "", "");
        await InsertStrategyAsync(connection, 301, 3, "proc.num", "name=mysqld", "all(#1)", "<", "1", 1, 0, "", "00:00", "23:59");
        await InsertStrategyAsync(connection, 302, 3, "mysql.slow", "port=3306", "max(#2)", ">", "5", 1, 3, "", "01:00", "02:00");
        await ExecuteAsync(connection, """
            INSERT INTO expression (id, expression, func, op, right_value, max_step, priority, note, action_id, create_user, pause) VALUES
            (1, 'each(metric=qps project=falcon)', 'all(#1)', '>', '1000', 2, 0, 'qps high', 5, 'root', 0),
            (2, 'each(metric=qps project=paused)', 'all(#1)', '>', '1000', 2, 0, '', 5, 'root', 1),
            (3, 'each(metric=qps project=noaction)', 'all(#1)', '>', '1000', 2, 0, '', 0, 'root', 0)
            """);
        await ExecuteAsync(connection, "INSERT INTO plugin_dir (grp_id, dir, create_user) VALUES (1, 'nginx', 'root'), (1, 'sys/ntp', 'root')");
    }

    private static Task InsertHostAsync(MySqlConnection connection, long id, string hostname, long maintainBegin, long maintainEnd) =>
        ExecuteAsync(
            connection,
            "INSERT INTO host (id, hostname, ip, agent_version, plugin_version, maintain_begin, maintain_end) VALUES (@id, @hostname, @ip, '7.0.0', '', @begin, @end)",
            ("@id", id), ("@hostname", hostname), ("@ip", "10.0.0." + id), ("@begin", maintainBegin), ("@end", maintainEnd));

    private static Task InsertStrategyAsync(
        MySqlConnection connection, long id, long templateId, string metric, string tags, string func, string op, string rightValue,
        int maxStep, int priority, string note, string runBegin, string runEnd) =>
        ExecuteAsync(
            connection,
            """
            INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, note, run_begin, run_end, tpl_id)
            VALUES (@id, @metric, @tags, @maxStep, @priority, @func, @op, @rightValue, @note, @runBegin, @runEnd, @tplId)
            """,
            ("@id", id), ("@metric", metric), ("@tags", tags), ("@maxStep", maxStep), ("@priority", priority), ("@func", func), ("@op", op),
            ("@rightValue", rightValue), ("@note", note), ("@runBegin", runBegin), ("@runEnd", runEnd), ("@tplId", templateId));

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
