using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Falcon.Shared.Silences;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>The small HTML pages a person sees after clicking a silence link.</summary>
internal static class SilenceLinkPage
{
    private const string Style = "body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.5}"
        + "button{font-size:1.1em;padding:.4em 1.2em}input[type=text]{width:100%}.note{color:#666;font-size:.9em}";

    public static IResult Confirm(HttpContext context, SilenceLink link, string signature)
    {
        var body = new StringBuilder();
        body.Append("<h1>Silence this alarm?</h1>");
        body.Append(CultureInfo.InvariantCulture, $"<p>Alarms of <b>{E(link.Counter)}</b> on <b>{E(link.Endpoint)}</b> will not be sent to <b>{E(link.User)}</b> for <b>{E(SilenceDuration.Format(link.Duration))}</b>. Other recipients still get them.</p>");
        body.Append("<form method=\"post\" action=\"link\">");
        foreach (var (name, value) in SilenceLinks.Fields(link).Append((SilenceLinks.SignatureParameter, signature)))
        {
            body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");
        }

        body.Append("<p><label>Why (optional)<br><input type=\"text\" name=\"comment\" maxlength=\"200\" placeholder=\"e.g. handling it, ticket 1234\"></label></p>");
        body.Append(CultureInfo.InvariantCulture, $"<p><button type=\"submit\">Silence for {E(SilenceDuration.Format(link.Duration))}</button></p></form>");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">This link can be used until {E(Time(link.Expires))}.</p>");
        return Render(context, StatusCodes.Status200OK, "Silence this alarm?", body.ToString());
    }

    public static IResult Done(HttpContext context, Silence silence)
    {
        var body = $"<h1>Silenced</h1><p>Alarms of <b>{E(silence.Counter)}</b> on <b>{E(silence.Endpoint)}</b> will not be sent to <b>{E(silence.User)}</b> until <b>{E(Time(silence.Until))}</b>.</p>"
            + $"<p class=\"note\">To lift it sooner: <code>falcon silence remove {E(silence.Id)}</code></p>";
        return Render(context, StatusCodes.Status200OK, "Silenced", body);
    }

    public static IResult Refused(HttpContext context, SilenceLinkRefusal refusal, SilenceLink? link)
    {
        var (status, text) = refusal switch
        {
            SilenceLinkRefusal.Disabled => (StatusCodes.Status404NotFound, "Silence links are off on this alarm service (alarm.silences.linkBaseUrl is not set)."),
            SilenceLinkRefusal.Expired => (StatusCodes.Status410Gone, $"This silence link expired at {Time(link!.Expires)}. Use the link of a newer alarm message, or 'falcon silence add'."),
            SilenceLinkRefusal.Forged => (StatusCodes.Status403Forbidden, "This silence link is not valid: it was changed after it was sent, or it was not made by this alarm service (or its alarm.silences.linkSecret changed since)."),
            _ => (StatusCodes.Status400BadRequest, "This silence link is incomplete: open the whole link from the alarm message."),
        };
        return Render(context, status, "Silence link refused", $"<h1>Not silenced</h1><p>{E(text)}</p>");
    }

    public static IResult Problem(HttpContext context, int status, string text) =>
        Render(context, status, "Not silenced", $"<h1>Not silenced</h1><p>{E(text)}</p>");

    private static IResult Render(HttpContext context, int status, string title, string body)
    {
        var headers = context.Response.Headers;
        // The link's signature is in the query: no referrer leaks it, no cache keeps it, no frame can click it.
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        var html = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><meta name=\"robots\" content=\"noindex\"><title>{E(title)}</title><style>{Style}</style></head><body>{body}</body></html>";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
