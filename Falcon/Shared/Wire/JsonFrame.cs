using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>One request read by <see cref="JsonFrameReader.ReadFrameAsync"/>: a parsed document, or a direct call read in one pass; neither at the end of the stream.</summary>
internal readonly struct JsonFrame
{
    public JsonFrame(JsonDocument document) => Document = document;

    public JsonFrame(JsonRpcDirectCall direct) => Direct = direct;

    public JsonDocument? Document { get; }

    public JsonRpcDirectCall? Direct { get; }

    public bool IsEmpty => Document is null && Direct is null;
}
