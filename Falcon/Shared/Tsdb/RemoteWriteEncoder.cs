using System.Buffers;
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

    /// <summary>The snappy-compressed (block format) WriteRequest for <paramref name="batch"/>, in pooled memory.</summary>
    public static PooledBytes EncodeCompressed(IReadOnlyList<MetricSample> batch)
    {
        using var raw = Encode(batch);
        var compressed = ArrayPool<byte>.Shared.Rent(Snappy.GetMaxCompressedLength(raw.Length));
        try
        {
            return new PooledBytes(compressed, Snappy.Compress(raw.Span, compressed));
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

        // Protobuf prefixes every message with its length, so the sizes are computed first. Labels are built once
        // into one flat list; labelStart[i] is where sample i's labels begin in it.
        var labels = new List<KeyValuePair<string, string>>(batch.Count * 6);
        var scratch = new List<KeyValuePair<string, string>>(8);
        int[] labelStart = ArrayPool<int>.Shared.Rent(batch.Count + 1);
        int[] seriesSize = ArrayPool<int>.Shared.Rent(batch.Count);
        byte[]? buffer = null;
        try
        {
            int total = 0;
            for (int i = 0; i < batch.Count; i++)
            {
                var sample = batch[i];
                SeriesMapping.WriteLabels(sample.Endpoint, sample.Metric, sample.Tags, sample.CounterType, scratch);
                labelStart[i] = labels.Count;
                labels.AddRange(scratch);
                int size = 0;
                foreach (var (name, value) in scratch)
                {
                    size += Nested(LabelSize(name, value));
                }

                size += Nested(SampleSize(sample));
                seriesSize[i] = size;
                total += Nested(size);
            }

            labelStart[batch.Count] = labels.Count;
            buffer = ArrayPool<byte>.Shared.Rent(Math.Max(total, 1));
            var output = new CodedOutputStream(buffer);
            for (int i = 0; i < batch.Count; i++)
            {
                output.WriteRawTag(WriteRequestTimeseries);
                output.WriteLength(seriesSize[i]);
                for (int j = labelStart[i]; j < labelStart[i + 1]; j++)
                {
                    var (name, value) = labels[j];
                    output.WriteRawTag(TimeSeriesLabels);
                    output.WriteLength(LabelSize(name, value));
                    output.WriteRawTag(LabelName);
                    output.WriteString(name);
                    output.WriteRawTag(LabelValue);
                    output.WriteString(value);
                }

                var sample = batch[i];
                output.WriteRawTag(TimeSeriesSamples);
                output.WriteLength(SampleSize(sample));
                output.WriteRawTag(SampleValue);
                output.WriteDouble(sample.Value);
                output.WriteRawTag(SampleTimestamp);
                output.WriteInt64(TimestampMs(sample));
            }

            output.Flush();
            if (output.Position != total)
            {
                throw new InvalidOperationException($"remote write encoding wrote {output.Position} bytes, computed {total}");
            }

            var result = new PooledBytes(buffer, total);
            buffer = null;
            return result;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labelStart);
            ArrayPool<int>.Shared.Return(seriesSize);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // A length-delimited field: one tag byte (every field number here is below 16), the length, the message.
    private static int Nested(int size) => 1 + CodedOutputStream.ComputeLengthSize(size) + size;

    private static int LabelSize(string name, string value) =>
        1 + CodedOutputStream.ComputeStringSize(name) + 1 + CodedOutputStream.ComputeStringSize(value);

    private static int SampleSize(MetricSample sample) =>
        1 + CodedOutputStream.ComputeDoubleSize(sample.Value) + 1 + CodedOutputStream.ComputeInt64Size(TimestampMs(sample));

    private static long TimestampMs(MetricSample sample) => sample.Timestamp * 1000;
}
