using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Escalation;

/// <summary>
/// One pass over the open cases: each step of a case's action that is due (the case began at least the step's
/// minutes ago, not more than alarm.escalation.maxLateness past that) and not yet sent by any instance goes to the
/// step's teams through the alarm's own routing (their silences, the action's channel switches, the channel rules of
/// the priority) and delivery, sent at once and saying it is an escalation.
/// </summary>
internal sealed class EscalationScanner(
    EscalationCases cases,
    EscalationMarks marks,
    EventRouting routing,
    IAlarmDispatcher dispatcher,
    IEnumerable<IAlarmMessageDecorator> decorators,
    EscalationMetrics metrics,
    IOptions<EscalationOptions> options,
    TimeProvider timeProvider,
    ILogger<EscalationScanner> logger)
{
    private readonly IAlarmMessageDecorator[] _decorators = [.. decorators];

    /// <summary>Sends the steps due now; returns how many steps were sent. Throws when MySQL or Redis fails (the next scan retries).</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lateness = options.Value.MaxLateness;
        var open = await cases.FindAsync(
            (shortest, longest) => (
                (now - TimeSpan.FromMinutes(longest) - lateness).ToUnixTimeSeconds(),
                (now - TimeSpan.FromMinutes(shortest)).ToUnixTimeSeconds()),
            options.Value.BatchSize,
            cancellationToken);
        var sent = 0;
        foreach (var openCase in open)
        {
            var route = openCase.ActionId > 0 ? await routing.ActionAsync(openCase.ActionId, cancellationToken) : null;
            if (route is null)
            {
                continue;
            }

            foreach (var step in route.Escalations)
            {
                var due = DateTimeOffset.FromUnixTimeSeconds(openCase.Began) + TimeSpan.FromMinutes(step.AfterMinutes);
                if (due > now)
                {
                    continue;
                }

                if (!await marks.ClaimAsync(openCase.Id, openCase.Began, step.Step, cancellationToken))
                {
                    continue; // sent already, or being sent by another instance
                }

                if (now - due > lateness)
                {
                    // Claimed and marked so the skip is logged once, not at every scan.
                    await marks.MarkSentAsync(openCase.Id, openCase.Began, step.Step, cancellationToken);
                    metrics.Step("late");
                    EscalationLog.TooLate(logger, openCase.Id, step.Step, due);
                    continue;
                }

                sent += await SendAsync(openCase, route, step, cancellationToken) ? 1 : 0;
            }
        }

        return sent;
    }

    private async Task<bool> SendAsync(OpenCase openCase, ActionRoute route, EscalationStep step, CancellationToken cancellationToken)
    {
        try
        {
            var e = openCase.ToEvent();
            var consumed = new ConsumedEvent("", "", e, IsHigh: true, Recovered: false);
            var routed = routing.Route(consumed, route.ForEscalation(step), RouteMode.Send, new EscalationNotice(step.Step, step.AfterMinutes));
            var messages = routed.Plan.Messages.Select(m => _decorators.Aggregate(m, (message, decorator) => decorator.Decorate(message, e))).ToList();
            if (messages.Count > 0)
            {
                await dispatcher.DispatchManyAsync(messages, cancellationToken);
            }

            await marks.MarkSentAsync(openCase.Id, openCase.Began, step.Step, cancellationToken);
            if (messages.Count == 0)
            {
                metrics.Step("nobody");
                EscalationLog.NoOne(logger, openCase.Id, step.Step);
                return false;
            }

            metrics.Step("sent");
            EscalationLog.Escalated(logger, openCase.Id, step.AfterMinutes, step.Step, routed.Filtered.Users.Count, string.Join(',', step.Teams));
            return true;
        }
        catch
        {
            // Not handed to delivery (or not known to be): free the step for the next scan. Delivery drops a repeat of
            // the same message id, so a step handed over just before the failure is not sent twice.
            await marks.ReleaseAsync(openCase.Id, openCase.Began, step.Step);
            throw;
        }
    }
}
