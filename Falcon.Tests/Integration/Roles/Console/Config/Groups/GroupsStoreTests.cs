using System.Net;
using System.Text.Json.Nodes;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Roles.Console.Config.Groups;

/// <summary>The group API when the store changes under it: utf8mb4 tables, and MySQL going away mid-use.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class GroupsStoreTests
{
    [Test]
    public async Task AFourByteName_IsStored_OnceTheTablesAreUtf8mb4()
    {
        var database = await PortalDatabase.CreateAsync();
        await database.ConvertToUtf8mb4Async();
        var console = await GroupsConsole.StartAsync(database);
        try
        {
            using var alice = await ConsoleClient.SignInAsync(console.HttpAddress, "alice");
            var name = "payments-\U0001F4B0";
            var (status, body) = await alice.PostAsync("/api/groups", new JsonObject { ["name"] = name, ["tags"] = new JsonArray("shop/\U0001F6D2") });
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body?.ToJsonString());
            (status, body) = await alice.PostAsync($"/api/groups/{Uri.EscapeDataString(name)}/hosts", new JsonObject { ["hosts"] = new JsonArray("web-\U0001F600") });
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
            var group = (await alice.GetAsync("/api/groups/" + Uri.EscapeDataString(name))).Body!;
            Assert.That(group["name"]!.GetValue<string>(), Is.EqualTo(name));
            Assert.That(group["hosts"]![0]!.GetValue<string>(), Is.EqualTo("web-\U0001F600"));
        }
        finally
        {
            await console.StopAllAsync();
        }
    }

    [Test]
    public async Task MySqlStoppedMidUse_Answers503WithAMessage_AndTheConsoleCarriesOnWhenItIsBack()
    {
        await using var mariadb = await MariaDbServer.StartAsync(CancellationToken.None);
        var console = await GroupsConsole.StartAsync(await PortalDatabase.CreateAsync(mariadb));
        try
        {
            using var token = ConsoleClient.WithToken(console.HttpAddress, GroupsConsole.AdminToken);
            Assert.That((await token.PostAsync("/api/groups", new JsonObject { ["name"] = "before" })).Status, Is.EqualTo(HttpStatusCode.Created));

            await mariadb.KillAsync();
            var (status, body) = await token.PostAsync("/api/groups", new JsonObject { ["name"] = "during" });
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body?.ToJsonString());
            Assert.That(body!["msg"]!.GetValue<string>(), Does.Contain("unavailable"));
            (status, _) = await token.GetAsync("/api/tree");
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));

            await mariadb.RestartAsync();
            HttpStatusCode after = default;
            for (var attempt = 0; attempt < 50 && after != HttpStatusCode.Created; attempt++)
            {
                // The pool drops its dead connections on first use after the restart.
                (after, _) = await token.PostAsync("/api/groups", new JsonObject { ["name"] = "after" });
                if (after != HttpStatusCode.Created)
                {
                    await Task.Delay(100);
                }
            }

            Assert.That(after, Is.EqualTo(HttpStatusCode.Created));
            var names = (await token.GetAsync("/api/groups")).Body!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToArray();
            // The test server does not flush InnoDB's log at each commit, so "before" may not survive the kill.
            Assert.That(names, Does.Contain("after").And.Not.Contain("during"), string.Join(", ", names));
        }
        finally
        {
            await console.StopAllAsync();
        }
    }
}
