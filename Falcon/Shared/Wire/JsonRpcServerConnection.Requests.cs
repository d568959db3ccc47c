using System.Buffers;
using System.Text.Json;

namespace Falcon.Shared.Wire;

internal sealed partial class JsonRpcServerConnection
{
    // One reply buffer kept between replies, and the method this connection called last (see JsonRpcRecentMethod).
    private JsonRpcReplyBuffer? _spareReply;
    private JsonRpcRecentMethod? _recentMethod;

    /// <summary>Answers one request; never throws, always returns the slot and the document.</summary>
    private async Task ProcessAsync(JsonFrame request)
    {
        var reply = Interlocked.Exchange(ref _spareReply, null) ?? new JsonRpcReplyBuffer();
        try
        {
            var frame = request.Direct is { } direct
                ? await BuildDirectReplyAsync(direct, reply)
                : await BuildReplyAsync(request.Document!.RootElement, reply);
            await WriteAsync(frame.WrittenMemory);
        }
        catch (Exception ex)
        {
            // Only a reply that cannot be encoded at all gets here; the caller will time out.
            _server.Metrics.ServerError("reply");
            _server.Logger.HandlerFailed("?", Remote, ex);
        }
        finally
        {
            request.Document?.Dispose();
            if (reply.IsWorthKeeping)
            {
                Volatile.Write(ref _spareReply, reply);
            }

            _slots.Release();
        }
    }

    /// <summary>The reply frame: <paramref name="reply"/>'s buffer on success, a buffer of its own for an error.</summary>
    private async ValueTask<ArrayBufferWriter<byte>> BuildReplyAsync(JsonElement root, JsonRpcReplyBuffer reply)
    {
        var recent = _recentMethod;
        JsonRpcRequest request;
        try
        {
            request = JsonRpcRequest.Parse(root, recent);
        }
        catch (InvalidOperationException ex)
        {
            // A method name with invalid UTF-16 escapes.
            return Reject(default, $"rpc: server cannot decode request: {ex.Message}", "malformed");
        }

        var handler = recent is not null && ReferenceEquals(request.Method, recent.Name)
            ? recent.Handler
            : _server.Resolve(request.Method, out _);
        _server.Metrics.RequestReceived(handler is null ? "unknown" : request.Method);
        if (request.Error is not null)
        {
            return Reject(request.Id, request.Error, "malformed");
        }

        if (handler is null)
        {
            _server.Resolve(request.Method, out var error);
            return Reject(request.Id, error, "unknown_method");
        }

        if (!ReferenceEquals(recent?.Handler, handler))
        {
            _recentMethod = new JsonRpcRecentMethod(request.Method, handler);
        }

        if (request.ParamsError is { } paramsError)
        {
            return Reject(request.Id, paramsError, "bad_params");
        }

        return await CompleteAsync(JsonRpcReply.SuccessAsync(reply, request.Id, handler, request.Param, _active.Token), reply, request.Method, request.Id, null);
    }

    private async ValueTask<ArrayBufferWriter<byte>> BuildDirectReplyAsync(JsonRpcDirectCall call, JsonRpcReplyBuffer reply)
    {
        _server.Metrics.RequestReceived(call.Method);
        return await CompleteAsync(JsonRpcReply.SuccessAsync(reply, call, _active.Token), reply, call.Method, default, call);
    }

    // The handler's outcome as the reply: its result, or the error it ended with. A direct call's id is parsed only here.
    private async ValueTask<ArrayBufferWriter<byte>> CompleteAsync(
        ValueTask handled, JsonRpcReplyBuffer reply, string method, JsonElement id, JsonRpcDirectCall? direct)
    {
        try
        {
            await handled;
            return reply.Buffer;
        }
        catch (JsonException ex)
        {
            return Reject(direct?.Id ?? id, ex.Message, "bad_params");
        }
        catch (JsonRpcRefusedException ex)
        {
            _server.Metrics.ServerError("refused");
            return JsonRpcReply.Error(direct?.Id ?? id, ex.Message);
        }
        catch (Exception ex)
        {
            _server.Metrics.ServerError("handler");
            _server.Logger.HandlerFailed(method, Remote, ex);
            return JsonRpcReply.Error(direct?.Id ?? id, ex.Message);
        }
    }

    private ArrayBufferWriter<byte> Reject(JsonElement id, string error, string errorType)
    {
        _server.Metrics.ServerError(errorType);
        _server.Logger.RequestRejected(Remote, error);
        return JsonRpcReply.Error(id, error);
    }
}
