using Microsoft.Win32.SafeHandles;

namespace Falcon.Roles.Transfer.Queue;

/// <summary>One segment file of the queue and, in memory, where its records end; guarded by the queue's lock.</summary>
internal sealed class QueueSegment(long sequence, string path, SafeFileHandle handle, long length)
{
    public long Sequence { get; } = sequence;

    public string Path { get; } = path;

    public SafeFileHandle Handle { get; } = handle;

    /// <summary>Bytes of whole records, magic included; the file is never longer once opened (a torn tail is cut off).</summary>
    public long Length { get; set; } = length;

    /// <summary>Each record's end offset and point count, in file order.</summary>
    public List<(long End, int Points)> Records { get; } = [];

    /// <summary>The first record no sender has taken yet.</summary>
    public int NextRecord { get; set; }

    /// <summary>Where <see cref="NextRecord"/> starts.</summary>
    public long ReadOffset { get; set; } = length;

    /// <summary>Batches of this segment in senders' hands.</summary>
    public int Outstanding { get; set; }

    /// <summary>No more records will be appended: a newer segment is being written.</summary>
    public bool Sealed { get; set; }

    /// <summary>Sealed, every record taken and every batch finished: the file can go.</summary>
    public bool Done => Sealed && NextRecord == Records.Count && Outstanding == 0;
}
