using System.Diagnostics.Metrics;

namespace Falcon.Roles.Console;

/// <summary>The console's instruments on the `Falcon.Console` meter.</summary>
internal sealed class ConsoleMetrics
{
    public const string MeterName = "Falcon.Console";

    private readonly Counter<long> _signIns;
    private readonly Counter<long> _actions;

    public ConsoleMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _signIns = meter.CreateCounter<long>("falcon.console.sign_ins", description: "Sign-in attempts by outcome (ok, refused, throttled).");
        _actions = meter.CreateCounter<long>("falcon.console.actions", description: "Changes made through the console (silence, unsilence, ack, unack, upgrade).");
    }

    public void SignIn(string outcome) => _signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Action(string action) => _actions.Add(1, new KeyValuePair<string, object?>("action", action));
}
