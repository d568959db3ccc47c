using Falcon.Shared.Silences;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>
/// `GET /silences/link` shows what the link would silence with a button; `POST /silences/link` applies it. Two steps
/// rather than one GET because IM clients, mail scanners and link previews fetch GET URLs by themselves, and a
/// silence must be set by the person, not by a preview bot. The signature is the authority here (no admin token):
/// it binds the recipient, endpoint, counter and duration, and expires.
/// </summary>
internal sealed class SilenceLinkEndpoints(
    SilenceStore store,
    SilenceLinks links,
    IOptions<SilenceOptions> options,
    SilenceMetrics metrics,
    ILogger logger)
{
    private const int MaxCommentLength = 200;

    public IResult Confirm(HttpContext context)
    {
        var query = context.Request.Query;
        var (link, refusal) = links.Verify(name => query[name].ToString());
        return refusal == SilenceLinkRefusal.None
            ? SilenceLinkPage.Confirm(context, link!, query[SilenceLinks.SignatureParameter].ToString())
            : Refuse(context, refusal, link);
    }

    public async Task<IResult> ApplyAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return SilenceLinkPage.Problem(context, StatusCodes.Status400BadRequest, "Open the link from the alarm message and press the button on the page it shows.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (link, refusal) = links.Verify(name => form[name].ToString());
        if (refusal != SilenceLinkRefusal.None)
        {
            return Refuse(context, refusal, link);
        }

        var comment = form["comment"].ToString().Trim();
        if (comment.Length > MaxCommentLength)
        {
            comment = comment[..MaxCommentLength];
        }

        var draft = new SilenceDraft(link!.User, link.Endpoint, link.Counter, link.Duration, comment.Length == 0 ? "silenced from the alarm message" : comment, $"{link.User} (alarm link)");
        if (draft.Validate(options.Value.MaxDuration) is { } problem)
        {
            return SilenceLinkPage.Problem(context, StatusCodes.Status400BadRequest, problem);
        }

        try
        {
            var silence = await store.AddAsync(draft, options.Value.MaxDuration, context.RequestAborted);
            metrics.Added("link");
            SilenceLog.Added(logger, silence.Id, silence.CreatedBy, "link from " + SilenceApiEndpoints.Remote(context), silence.Counter, silence.Endpoint, silence.User, silence.Until, silence.Comment);
            return SilenceLinkPage.Done(context, silence);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            return SilenceLinkPage.Problem(context, StatusCodes.Status503ServiceUnavailable, "The alarm service cannot reach Redis right now; nothing was silenced. Try again in a minute.");
        }
    }

    private IResult Refuse(HttpContext context, SilenceLinkRefusal refusal, SilenceLink? link)
    {
        metrics.LinkRefused(refusal);
        SilenceLog.LinkRefused(logger, refusal.ToString().ToLowerInvariant(), SilenceApiEndpoints.Remote(context));
        return SilenceLinkPage.Refused(context, refusal, link);
    }
}
