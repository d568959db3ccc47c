using System.Buffers;
using System.Text;
using Falcon.Shared.Model;
using Google.Protobuf;
using Snappier;

namespace Falcon.Shared.Tsdb;

/// <summary>Encodes a batch as a Prometheus remote-write WriteRequest (see remote.proto), one TimeSeries per sample.</summary>
internal static class RemoteWriteEncoder
{
    // Field tags, (field number << 3) | wire type; numbers from remote.proto.
    private const byte WriteRequestTimeseries = (1 << 3) | 2; // WriteRequest.timeseries = 1, length-delimited
    private const byte TimeSeriesLabels = (1 << 3) | 2;       // TimeSeries.labels = 1, length-delimited
    private const byte TimeSeriesSamples = (2 << 3) | 2;      // TimeSeries.samples = 2, length-delimited
    private const byte LabelName = (1 << 3) | 2;              // Label.name = 1, length-delimited
    private const byte LabelValue = (2 << 3) | 2;             // Label.value = 2, length-delimited
    private const byte SampleValue = (1 << 3) | 1;            // Sample.value = 1, fixed64 (double)
    private const byte SampleTimestamp = (2 << 3) | 0;        // Sample.timestamp = 2, varint (int64 ms)

    // Labels per series whose UTF-8 sizes are kept on the stack; a series with more uses an array.
    private const int MaxInlineLabels = 16;

    // "COUNTER", the longest counter type.
    private const int MaxCounterTypeLength = 7;

    /// <summary>The snappy-compressed (block format) WriteRequest for <paramref name="batch"/>, in pooled memory.</summary>
    public static PooledBytes EncodeCompressed(IReadOnlyList<MetricSample> batch)
    {
        using var raw = Encode(batch);
        return Compress(raw.Span);
    }

    /// <summary>Snappy (block format) of an encoded WriteRequest, in pooled memory.</summary>
    public static PooledBytes Compress(ReadOnlySpan<byte> writeRequest)
    {
        var compressed = ArrayPool<byte>.Shared.Rent(Snappy.GetMaxCompressedLength(writeRequest.Length));
        try
        {
            return new PooledBytes(compressed, Snappy.Compress(writeRequest, compressed));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(compressed);
            throw;
        }
    }

    /// <summary>The uncompressed WriteRequest for <paramref name="batch"/>, in pooled memory.</summary>
    public static PooledBytes Encode(IReadOnlyList<MetricSample> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // The root message has no length prefix, so each series is sized and written in turn, into a buffer rented
        // at an upper bound (three UTF-8 bytes per UTF-16 unit at most) instead of sizing the whole batch first.
        var labels = new List<KeyValuePair<string, string>>(8);
        Span<int> sizes = stackalloc int[2 * MaxInlineLabels];
        byte[]? buffer = ArrayPool<byte>.Shared.Rent(Math.Max(UpperBound(batch), 1));
        try
        {
            var output = new CodedOutputStream(buffer);
            for (int i = 0; i < batch.Count; i++)
            {
                var sample = batch[i];
                SeriesMapping.WriteLabels(sample.Endpoint, sample.Metric, sample.Tags, sample.CounterType, labels);
                var utf8 = labels.Count <= MaxInlineLabels ? sizes[..(2 * labels.Count)] : new int[2 * labels.Count];
                int size = 0;
                for (int j = 0; j < labels.Count; j++)
                {
                    var (name, value) = labels[j];
                    utf8[2 * j] = Encoding.UTF8.GetByteCount(name);
                    utf8[(2 * j) + 1] = Encoding.UTF8.GetByteCount(value);
                    size += Nested(LabelSize(utf8[2 * j], utf8[(2 * j) + 1]));
                }

                size += Nested(SampleSize(sample));
                output.WriteRawTag(WriteRequestTimeseries);
                output.WriteLength(size);
                for (int j = 0; j < labels.Count; j++)
                {
                    var (name, value) = labels[j];
                    output.WriteRawTag(TimeSeriesLabels);
                    output.WriteLength(LabelSize(utf8[2 * j], utf8[(2 * j) + 1]));
                    output.WriteRawTag(LabelName);
                    output.WriteString(name);
                    output.WriteRawTag(LabelValue);
                    output.WriteString(value);
                }

                output.WriteRawTag(TimeSeriesSamples);
                output.WriteLength(SampleSize(sample));
                output.WriteRawTag(SampleValue);
                output.WriteDouble(sample.Value);
                output.WriteRawTag(SampleTimestamp);
                output.WriteInt64(TimestampMs(sample));
            }

            output.Flush();
            var result = new PooledBytes(buffer, (int)output.Position);
            buffer = null;
            return result;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // Bytes the batch can take at most: every string at three bytes per UTF-16 unit (a hex-encoded tag key at six,
    // behind its prefix), every varint at its widest. Mirrors what SeriesMapping.WriteLabels can produce.
    private static int UpperBound(IReadOnlyList<MetricSample> batch)
    {
        long bound = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            var sample = batch[i];
            long series = 1 + 10 + 9 + 1 + 10 // the sample: tags, length, value, timestamp
                + LabelBound(SeriesMapping.MetricNameLabel.Length, sample.Metric.Length)
                + LabelBound(SeriesMapping.EndpointLabel.Length, sample.Endpoint.Length)
                + LabelBound(SeriesMapping.CounterTypeLabel.Length, MaxCounterTypeLength);
            foreach (var (key, value) in sample.Tags)
            {
                series += LabelBound(
                    Math.Max(SeriesMapping.EncodedTagPrefix.Length, SeriesMapping.EmptyTagPrefix.Length) + (2 * key.Length),
                    Math.Max(value.Length, SeriesMapping.EmptyTagMarker.Length));
            }

            bound += 1 + 5 + series;
        }

        return bound <= Array.MaxLength
            ? (int)bound
            : throw new InvalidOperationException($"a remote-write batch of {batch.Count} samples is too large to encode");
    }

    private static long LabelBound(long nameChars, long valueChars) => 1 + 5 + (1 + 5 + (3 * nameChars)) + (1 + 5 + (3 * valueChars));

    // A length-delimited field: one tag byte (every field number here is below 16), the length, the message.
    private static int Nested(int size) => 1 + CodedOutputStream.ComputeLengthSize(size) + size;

    // A Label: the name and the value, each a length-delimited string of the given UTF-8 size.
    private static int LabelSize(int nameBytes, int valueBytes) => Nested(nameBytes) + Nested(valueBytes);

    private static int SampleSize(MetricSample sample) =>
        1 + CodedOutputStream.ComputeDoubleSize(sample.Value) + 1 + CodedOutputStream.ComputeInt64Size(TimestampMs(sample));

    private static long TimestampMs(MetricSample sample) => sample.Timestamp * 1000;
}
