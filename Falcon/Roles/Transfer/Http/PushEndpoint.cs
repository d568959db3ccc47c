using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Falcon.Roles.Transfer.Ingest;
using Falcon.Shared.Model;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Transfer.Http;

/// <summary>`POST /api/push` as open-falcon answers it, written by hand so the body is parsed once, from the request buffer.</summary>
internal sealed class PushEndpoint(TransferIngest ingest, TimeProvider timeProvider)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = timeProvider.GetTimestamp();
        var request = context.Request;
        var response = context.Response;
        // Go checks the declared length only; a chunked empty body fails to decode instead.
        if (request.ContentLength == 0)
        {
            await GoErrorAsync(response, "blank body");
            return;
        }

        var reader = request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(context.RequestAborted);
            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }

            // Nothing consumed yet: ask for more until the whole body is buffered.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        IngestResult outcome;
        try
        {
            outcome = ingest.Receive(Decode(read.Buffer));
        }
        catch (JsonException)
        {
            await GoErrorAsync(response, "decode error");
            return;
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }

        response.ContentType = "application/json; charset=utf-8";
        if (outcome.Rejection is { } rejection)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            WriteEnvelope(response.BodyWriter, rejection, null);
            return;
        }

        WriteEnvelope(response.BodyWriter, "success", (outcome, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds));
    }

    private static List<MetricValue?> Decode(ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return MetricValueJson.ReadArray(body.FirstSpan);
        }

        var length = checked((int)body.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return MetricValueJson.ReadArray(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // open-falcon's RenderDataJson: {"msg":"success","data":{TransferResponse}}; an error keeps the envelope with null data.
    private static void WriteEnvelope(PipeWriter body, string message, (IngestResult Result, long Latency)? data)
    {
        using var writer = new Utf8JsonWriter(body);
        writer.WriteStartObject();
        writer.WriteString("msg"u8, message);
        writer.WritePropertyName("data"u8);
        if (data is { } d)
        {
            TransferResponseJson.Write(writer, d.Result, d.Latency);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }

    // Go's http.Error: the text and a newline, text/plain, 400.
    private static Task GoErrorAsync(HttpResponse response, string text)
    {
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(text + "\n");
    }
}
