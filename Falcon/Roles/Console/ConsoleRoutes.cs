using Falcon.Roles.Console.Api;
using Falcon.Roles.Console.Auth;
using Falcon.Roles.Console.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Falcon.Roles.Console;

/// <summary>
/// The console's routes: its JSON API under /api/ (every route but sign-in needs a session or the admin token, and every
/// mutating one the CSRF token), and the embedded page for everything else.
/// </summary>
internal static class ConsoleRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints, IServiceProvider root)
    {
        var auth = root.GetRequiredService<ConsoleAuth>();
        var logger = root.GetRequiredService<ILoggerFactory>().CreateLogger("Falcon.Console");
        var signIn = root.GetRequiredService<AuthEndpoints>();
        var alarms = root.GetRequiredService<AlarmEndpoints>();
        var silences = root.GetRequiredService<SilenceEndpoints>();
        var agents = root.GetRequiredService<AgentEndpoints>();
        var upgrades = root.GetRequiredService<UpgradeEndpoints>();
        var series = root.GetRequiredService<SeriesEndpoints>();
        var page = new ConsolePageEndpoints(root.GetRequiredService<ConsoleAssets>());

        RequestDelegate Read(Func<HttpContext, ConsoleCaller, Task<IResult>> handler) => Guarded(auth, logger, handler, mutating: false);
        RequestDelegate Change(Func<HttpContext, ConsoleCaller, Task<IResult>> handler) => Guarded(auth, logger, handler, mutating: true);

        endpoints.MapPost("/api/login", Guarded(null, logger, (context, _) => signIn.SignInAsync(context), mutating: true));
        endpoints.MapPost("/api/logout", Change(signIn.SignOutAsync));
        endpoints.MapGet("/api/session", Read(signIn.SessionAsync));

        endpoints.MapGet("/api/alarms", Read(alarms.SearchAsync));
        endpoints.MapGet("/api/alarms/{id}", Read(alarms.GetAsync));
        endpoints.MapGet("/api/alarms/{id}/events", Read(alarms.EventsAsync));
        endpoints.MapGet("/api/alarms/{id}/notes", Read(alarms.NotesAsync));
        endpoints.MapPost("/api/alarms/{id}/ack", Change(alarms.AcknowledgeAsync));
        endpoints.MapDelete("/api/alarms/{id}/ack", Change(alarms.WithdrawAsync));

        endpoints.MapGet("/api/silences", Read(silences.ListAsync));
        endpoints.MapPost("/api/silences", Change(silences.AddAsync));
        endpoints.MapDelete("/api/silences/{id}", Change(silences.RemoveAsync));

        endpoints.MapGet("/api/agents", Read(agents.ListAsync));

        endpoints.MapGet("/api/upgrade", Read(upgrades.StatusAsync));
        endpoints.MapPost("/api/upgrade", Change(upgrades.PushAsync));
        endpoints.MapPost("/api/upgrade/pause", Change(upgrades.PauseAsync));
        endpoints.MapPost("/api/upgrade/resume", Change(upgrades.ResumeAsync));
        endpoints.MapDelete("/api/upgrade", Change(upgrades.CancelAsync));

        endpoints.MapGet("/api/series", Read(series.SeriesAsync));
        endpoints.MapGet("/api/metrics", Read(series.MetricsAsync));
        endpoints.MapGet("/api/endpoints", Read(series.EndpointsAsync));

        // Host groups, service tree, maintenance, a host's strategies, history (Config/Groups, Config/History).
        var groups = root.GetRequiredService<Config.Groups.GroupEndpoints>();
        var tree = root.GetRequiredService<Config.Groups.TreeEndpoints>();
        var maintenance = root.GetRequiredService<Config.Groups.MaintenanceEndpoints>();
        var hostStrategies = root.GetRequiredService<Config.Groups.HostStrategyEndpoints>();
        var history = root.GetRequiredService<Config.History.HistoryEndpoints>();
        endpoints.MapGet("/api/groups", Read(groups.ListAsync));
        endpoints.MapPost("/api/groups", Change(groups.CreateAsync));
        endpoints.MapGet("/api/groups/{name}", Read(groups.GetAsync));
        endpoints.MapPut("/api/groups/{name}", Change(groups.UpdateAsync));
        endpoints.MapDelete("/api/groups/{name}", Change(groups.DeleteAsync));
        endpoints.MapPost("/api/groups/{name}/hosts", Change(groups.AddHostsAsync));
        endpoints.MapPost("/api/groups/{name}/hosts/remove", Change(groups.RemoveHostsAsync));
        endpoints.MapPut("/api/groups/{name}/templates/{template}", Change(groups.BindAsync));
        endpoints.MapDelete("/api/groups/{name}/templates/{template}", Change(groups.UnbindAsync));
        endpoints.MapGet("/api/tree", Read(tree.TreeAsync));
        endpoints.MapPut("/api/hosts/{host}/maintenance", Change(maintenance.SetAsync));
        endpoints.MapDelete("/api/hosts/{host}/maintenance", Change(maintenance.ClearAsync));
        endpoints.MapGet("/api/maintenance", Read(maintenance.ListAsync));
        // Configuration: templates, strategies, actions, expressions, aggregates, field help (Config/Rules).
        Config.Rules.RulesRoutes.Map(endpoints, root, Read, Change);
        // People (users, teams, the signed-in person's own details): docs/console-config.md, section People.
        var users = root.GetRequiredService<Config.People.UserEndpoints>();
        var teams = root.GetRequiredService<Config.People.TeamEndpoints>();
        endpoints.MapGet("/api/users", Read(users.ListAsync));
        endpoints.MapPost("/api/users", Change(users.CreateAsync));
        endpoints.MapGet("/api/users/{name}", Read(users.GetAsync));
        endpoints.MapPut("/api/users/{name}", Change(users.UpdateAsync));
        endpoints.MapDelete("/api/users/{name}", Change(users.DeleteAsync));
        endpoints.MapPut("/api/users/{name}/password", Change(users.PasswordAsync));
        endpoints.MapGet("/api/me", Read(users.MeAsync));
        endpoints.MapPut("/api/me", Change(users.UpdateMeAsync));
        endpoints.MapGet("/api/teams", Read(teams.ListAsync));
        endpoints.MapPost("/api/teams", Change(teams.CreateAsync));
        endpoints.MapGet("/api/teams/{name}", Read(teams.GetAsync));
        endpoints.MapPut("/api/teams/{name}", Change(teams.UpdateAsync));
        endpoints.MapDelete("/api/teams/{name}", Change(teams.DeleteAsync));
        // Test-fire (alarm dry run): who a strategy's alarm would reach, nothing sent.
        var testFire = root.GetRequiredService<TestFireEndpoints>();
        endpoints.MapPost("/api/strategies/{id}/test", Change(testFire.TestAsync));
        endpoints.MapGet("/api/hosts/{host}/strategies", Read(hostStrategies.StrategiesAsync));
        endpoints.MapGet("/api/history", Read(history.ListAsync));
        endpoints.MapPost("/api/history/{database}/{id}/restore", Change(history.RestoreAsync));

        // Lowest precedence: any path no route above took (an unknown /api/ path answers a JSON 404 there).
        endpoints.Map("/{**path}", page.ServeAsync);
    }

    // auth null: the route needs no caller (sign-in). Stores that are down become a 503 with the reason, not a 500.
    private static RequestDelegate Guarded(ConsoleAuth? auth, ILogger logger, Func<HttpContext, ConsoleCaller, Task<IResult>> handler, bool mutating) =>
        async context =>
        {
            IResult result;
            try
            {
                if (auth is null)
                {
                    result = await handler(context, ConsoleCaller.Token);
                }
                else
                {
                    var (caller, refusal) = await auth.ResolveAsync(context, mutating);
                    result = refusal ?? await handler(context, caller!);
                }
            }
            catch (Config.ConfigValidationException e)
            {
                result = ConsoleResults.Invalid(e.Field, e.Message); // nothing was written: the saver's transaction rolled back
            }
            catch (Exception e) when (e is MySqlException or StackExchange.Redis.RedisException or TimeoutException)
            {
                Log.RequestFailed(logger, context.Request.Method, context.Request.Path.Value ?? "", e.Message);
                result = ConsoleResults.Message(StatusCodes.Status503ServiceUnavailable, $"a store the console needs is unavailable: {e.Message}");
            }

            await result.ExecuteAsync(context);
        };
}
