using System.Text.Json;
using Falcon.Roles.Agent.Push;
using Falcon.Shared.Model;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Agent.Http;

/// <summary>
/// open-falcon's `POST /v1/push`: a JSON array of MetricValue, default tags appended, forwarded with no other
/// defaulting, answered with the plain text `success`. Unlike open-falcon it checks every item first with transfer's
/// rules and refuses the whole batch with a 400 naming each bad item, so a script learns of its mistake at once
/// instead of transfer silently counting the points invalid.
/// </summary>
internal sealed class PushEndpoint(PushBuffer buffer, DefaultTags defaultTags, TimeProvider timeProvider)
{
    private const int MaxReportedErrors = 20;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length == 0)
        {
            await ErrorAsync(context.Response, "body is blank", []);
            return;
        }

        List<MetricValue?> items;
        try
        {
            items = MetricValueJson.ReadArray(body.GetBuffer().AsSpan(0, (int)body.Length));
        }
        catch (JsonException e)
        {
            await ErrorAsync(context.Response, $"cannot decode body: {e.Message}", []);
            return;
        }

        // Checked with the default tags appended, as transfer will see the points: they count toward the 510 bytes.
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var points = new List<MetricValue>(items.Count);
        var errors = new List<(int Index, string Error)>();
        for (var i = 0; i < items.Count; i++)
        {
            var point = items[i] is { } item ? WithDefaultTags(item) : null;
            var result = MetricValueValidator.Validate(point, now);
            if (result.IsValid)
            {
                points.Add(point!);
            }
            else
            {
                errors.Add((i, result.InvalidReason));
            }
        }

        if (errors.Count > 0)
        {
            await ErrorAsync(context.Response, $"{errors.Count} of {items.Count} metric values are invalid; nothing was accepted", errors);
            return;
        }

        buffer.Add(points);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("success", context.RequestAborted);
    }

    // Forwarded as open-falcon forwards it: only the tags change; value, step and timestamp go to transfer as sent.
    private MetricValue WithDefaultTags(MetricValue item) => item.DecodeError is not null ? item : new MetricValue
    {
        Endpoint = item.Endpoint,
        Metric = item.Metric,
        Value = item.Value,
        Step = item.Step,
        CounterType = item.CounterType,
        Tags = defaultTags.Append(item.Tags),
        Timestamp = item.Timestamp,
    };

    private static async Task ErrorAsync(HttpResponse response, string message, List<(int Index, string Error)> errors)
    {
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("msg"u8, message);
            if (errors.Count > 0)
            {
                writer.WriteStartArray("errors"u8);
                foreach (var (index, error) in errors.Take(MaxReportedErrors))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("index"u8, index);
                    writer.WriteString("error"u8, error);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync();
    }
}
