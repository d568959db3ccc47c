using System.Net;
using System.Text.Json;

namespace Falcon.Tests.Integration.Roles.Console.Config.Rules;

/// <summary>
/// The tables the console writes are the ones open-falcon's hbs reads: a strategy made through the console API comes
/// back from hbs's `Hbs.GetStrategies` (called byte for byte as a Go judge calls it) with open-falcon's field names.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class TemplateHbsTests
{
    [Test]
    public async Task AConsoleMadeStrategy_IsServedByHbsGetStrategies_InOpenFalconsShape()
    {
        var stack = await ConsoleStack.StartAsync();
        try
        {
            using var alice = await RulesApiClient.SignInAsync(stack, "alice", ConsoleStack.AlicePassword);
            var template = "hbs-proof-" + Guid.NewGuid().ToString("N")[..6];
            var host = template + "-host";
            Assert.That((await alice.PostAsync("/api/templates", $$"""{"name":"{{template}}"}""")).Status, Is.EqualTo(HttpStatusCode.Created));
            var (status, strategy) = await alice.PostAsync($"/api/templates/{template}/strategies",
                """{"metric":"cpu.idle","tags":"fstype=ext4","func":"all(#1)","op":"<","rightValue":"101","maxStep":3,"priority":2,"note":"idle below 101"}""");
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created), strategy.ToString());
            Assert.That((await alice.PutAsync($"/api/templates/{template}/action", """{"teams":["ops"]}""")).Status, Is.EqualTo(HttpStatusCode.OK));
            // The group and its host as the groups pages write them (open-falcon's grp, host, grp_host, grp_tpl).
            await stack.Database.ExecuteAsync($"""
                INSERT INTO grp (grp_name, create_user) VALUES ('{template}-grp', 'alice');
                INSERT INTO host (hostname, ip) VALUES ('{host}', '10.1.2.3');
                INSERT INTO grp_host (grp_id, host_id) SELECT g.id, h.id FROM grp g, host h WHERE g.grp_name = '{template}-grp' AND h.hostname = '{host}';
                INSERT INTO grp_tpl (grp_id, tpl_id, bind_user) SELECT g.id, t.id, 'alice' FROM grp g, tpl t WHERE g.grp_name = '{template}-grp' AND t.tpl_name = '{template}';
                """);
            var templateId = Convert.ToInt64(await stack.Database.ScalarAsync($"SELECT id FROM tpl WHERE tpl_name = '{template}'"), System.Globalization.CultureInfo.InvariantCulture);
            var actionId = Convert.ToInt64(await stack.Database.ScalarAsync($"SELECT action_id FROM tpl WHERE id = {templateId}"), System.Globalization.CultureInfo.InvariantCulture);

            using var judge = await GoClientConnection.OpenAsync(stack.RpcAddressOf("hbs"));
            JsonElement served = default;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                using var reply = JsonDocument.Parse(await judge.CallAsync("""{"method":"Hbs.GetStrategies","params":[null],"id":1}"""));
                var hosts = reply.RootElement.GetProperty("result").GetProperty("hostStrategies");
                var mine = hosts.ValueKind == JsonValueKind.Array ? hosts.EnumerateArray().FirstOrDefault(h => h.GetProperty("hostname").GetString() == host) : default;
                if (mine.ValueKind == JsonValueKind.Object)
                {
                    served = mine.GetProperty("strategies")[0].Clone();
                    break;
                }

                await Task.Delay(100); // hbs refreshes its snapshot every 0.5 s in this stack
            }

            Assert.That(served.ValueKind, Is.EqualTo(JsonValueKind.Object), "hbs serves the host's strategy within its refresh");
            Assert.That(served.GetProperty("id").GetInt64(), Is.EqualTo(strategy.GetProperty("id").GetInt64()));
            Assert.That(served.GetProperty("metric").GetString(), Is.EqualTo("cpu.idle"));
            Assert.That(served.GetProperty("tags").GetRawText(), Is.EqualTo("""{"fstype":"ext4"}"""));
            Assert.That(served.GetProperty("func").GetString(), Is.EqualTo("all(#1)"));
            Assert.That(served.GetProperty("operator").GetString(), Is.EqualTo("<"));
            Assert.That(served.GetProperty("rightValue").GetRawText(), Is.EqualTo("101"), "a float64 written as Go writes it");
            Assert.That(served.GetProperty("maxStep").GetInt32(), Is.EqualTo(3));
            Assert.That(served.GetProperty("priority").GetInt32(), Is.EqualTo(2));
            Assert.That(served.GetProperty("note").GetString(), Is.EqualTo("idle below 101"));
            var tpl = served.GetProperty("tpl");
            Assert.That(tpl.GetRawText(), Is.EqualTo($$"""{"id":{{templateId}},"name":"{{template}}","parentId":0,"actionId":{{actionId}},"creator":"alice"}"""));
        }
        finally
        {
            await stack.StopAllAsync();
        }
    }
}
