namespace Falcon.Roles.Transfer.Queue;

/// <summary>What <see cref="DiskQueue.TryAppend"/> did with a push.</summary>
internal enum QueueAppendResult
{
    /// <summary>Written to the segment file (and fsynced when transfer.queue.fsync is on): safe to acknowledge.</summary>
    Appended,

    /// <summary>transfer.queue.maxBytes or transfer.queueCapacity would be exceeded.</summary>
    Full,

    /// <summary>The file could not be written (disk full, I/O error); logged by the queue.</summary>
    Failed,

    /// <summary>The queue is closing: transfer is stopping.</summary>
    Closed,
}
