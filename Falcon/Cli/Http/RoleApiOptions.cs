using System.CommandLine;
using Falcon.Hosting;
using Falcon.Shared.Configuration;

namespace Falcon.Cli.Http;

/// <summary>
/// The connection options of a command group that talks to a role's HTTP API (address, --token, --timeout), and the
/// one way its commands run: resolve the target, call, and turn every failure into one stderr line and exit 1.
/// </summary>
internal sealed class RoleApiOptions
{
    public RoleApiOptions(RoleApi api, string addressDescription, string tokenDescription, string timeoutDescription)
    {
        ArgumentNullException.ThrowIfNull(api);
        Api = api;
        Address = new Option<string>(api.AddressOption) { Description = addressDescription, HelpName = "url" };
        Token = new Option<string>("--token") { Description = tokenDescription, HelpName = "token" };
        Timeout = new Option<int>("--timeout") { Description = timeoutDescription, DefaultValueFactory = _ => 10, HelpName = "seconds" };
        Timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 600)
            {
                r.AddError("--timeout must be between 1 and 600 seconds");
            }
        });
    }

    public RoleApi Api { get; }

    /// <summary>The role's address (--hbs, --url).</summary>
    public Option<string> Address { get; }

    /// <summary>The admin bearer token; host.adminToken when not given.</summary>
    public Option<string> Token { get; }

    /// <summary>Seconds to wait for each answer.</summary>
    public Option<int> Timeout { get; }

    /// <summary>Adds the address, --token, --timeout and the configuration options (where `httpListen` and host.adminToken are read).</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Address);
        command.Options.Add(Token);
        command.Options.Add(Timeout);
        CommonOptions.AddTo(command);
    }

    /// <summary>Resolves the target, runs <paramref name="action"/> with a client, and turns failures into one stderr line and exit 1.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="command">The command as the operator typed it, for the error line: "falcon upgrade status".</param>
    /// <param name="action">The calls; returns the exit code.</param>
    /// <param name="apiToken">open-falcon's Apitoken header to send instead of the admin token, when the command takes one.</param>
    /// <remarks>An invalid --apitoken is reported as a <see cref="ConfigurationException"/> by whoever builds the header.</remarks>
    public async Task<int> RunAsync(ParseResult result, string command, Func<RoleApiClient, Task<int>> action, Func<string?>? apiToken = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(action);
        var error = result.InvocationConfiguration.Error;
        RoleApiTarget target;
        try
        {
            target = RoleApiTarget.Resolve(Api, result, result.GetValue(Address), result.GetValue(Token), apiToken, result.GetValue(Timeout));
        }
        catch (ConfigurationException e)
        {
            FalconHost.WriteProblems(error, e.Problems);
            return ExitCodes.Failed;
        }

        using var client = new RoleApiClient(target);
        try
        {
            return await action(client);
        }
        catch (RoleApiException e)
        {
            await error.WriteLineAsync($"{command}: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
