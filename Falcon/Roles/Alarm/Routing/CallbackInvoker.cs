using System.Globalization;
using System.Text;
using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Records;
using Falcon.Shared.Model.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// open-falcon's action callback (alarm/cron/callback.go): GET action.url with the event as query parameters, with the
/// messages the action asks for before the call (the alarm itself) and after it ("curl &lt;url&gt; success|fail…").
/// At most <see cref="RoutingOptions.CallbackConcurrency"/> run at once.
/// </summary>
internal sealed class CallbackInvoker(HttpClient http, IOptions<RoutingOptions> options, ILogger<CallbackInvoker> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.CallbackConcurrency, options.Value.CallbackConcurrency);
    private readonly RoutingOptions _options = options.Value;

    /// <summary>Calls the action's url and returns the messages to send around the call.</summary>
    public async Task<IReadOnlyList<AlarmMessage>> RunAsync(JudgeEvent e, ActionRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(route);
        var messages = new List<AlarmMessage>();
        var hasTeams = route.Users.Count > 0;
        if (hasTeams)
        {
            var sms = AlarmContent.Sms(e);
            if (route.BeforeCallbackSms)
            {
                Add(messages, e, ChannelKind.Sms, route.Phones, "", sms, "before-callback");
                Add(messages, e, ChannelKind.Im, route.ImTargets, "", sms, "before-callback");
            }

            if (route.BeforeCallbackMail)
            {
                Add(messages, e, ChannelKind.Mail, route.Emails, sms, AlarmContent.Mail(e, _options.Dashboard), "before-callback");
            }
        }

        var result = await CallAsync(e, route.Url, cancellationToken);
        if (hasTeams)
        {
            if (route.AfterCallbackSms)
            {
                Add(messages, e, ChannelKind.Sms, route.Phones, "", result, "after-callback");
                Add(messages, e, ChannelKind.Im, route.ImTargets, "", result, "after-callback");
            }

            if (route.AfterCallbackMail)
            {
                Add(messages, e, ChannelKind.Mail, route.Emails, result, result, "after-callback");
            }
        }

        return messages;
    }

    /// <summary>The callback address with the event's parameters, as open-falcon's httplib.Get(...).Param(...) builds it.</summary>
    public static string CallbackUrl(JudgeEvent e, string url)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(url);
        var tags = string.Join(',', e.PushedTags.Select(static t => t.Key + ":" + t.Value));
        var query = new StringBuilder(url).Append(url.Contains('?', StringComparison.Ordinal) ? '&' : '?');
        void Param(string name, string value) => query.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        Param("endpoint", e.Endpoint);
        Param("metric", AlarmContent.Metric(e));
        Param("status", e.Status);
        Param("step", e.CurrentStep.ToString(CultureInfo.InvariantCulture));
        Param("priority", e.Priority.ToString(CultureInfo.InvariantCulture));
        Param("time", GoFormat.Time(e.EventTime));
        Param("tpl_id", (e.Strategy?.Tpl?.Id ?? 0).ToString(CultureInfo.InvariantCulture));
        Param("exp_id", (e.Expression?.Id ?? 0).ToString(CultureInfo.InvariantCulture));
        Param("stra_id", (e.Strategy?.Id ?? 0).ToString(CultureInfo.InvariantCulture));
        Param("left_value", GoFormat.Readable(e.LeftValue));
        Param("tags", tags);
        return query.ToString(0, query.Length - 1);
    }

    public void Dispose() => _slots.Dispose();

    private async Task<string> CallAsync(JudgeEvent e, string url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "callback url is blank";
        }

        await _slots.WaitAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.CallbackTimeout);
            var body = "";
            string outcome;
            try
            {
                using var response = await http.GetAsync(new Uri(CallbackUrl(e, url)), timeout.Token);
                body = await response.Content.ReadAsStringAsync(timeout.Token);
                outcome = response.IsSuccessStatusCode ? "success" : $"fail:status {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or UriFormatException or InvalidOperationException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                outcome = "fail:" + (ex is OperationCanceledException ? $"timed out after {_options.CallbackTimeout}" : ex.Message);
                ConsumptionLog.CallbackFailed(logger, url, e.Id, outcome);
            }

            return $"curl {url} {outcome}. resp: {body}";
        }
        finally
        {
            _slots.Release();
        }
    }

    private static void Add(List<AlarmMessage> messages, JudgeEvent e, ChannelKind channel, IReadOnlyList<string> recipients, string subject, string content, string suffix)
    {
        if (recipients.Count > 0)
        {
            messages.Add(new AlarmMessage(EventRouter.MessageId(e, channel, suffix), channel, recipients, [], subject, content, e.Priority, e.Status, e.Id, []));
        }
    }
}
