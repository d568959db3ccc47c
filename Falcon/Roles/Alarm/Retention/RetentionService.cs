using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Portal;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Roles.Alarm.Retention;

/// <summary>
/// Every alarm.retention.interval (and at start): deletes alarm records older than alarm.retention.records and dead
/// letters older than alarm.retention.deadLetters. Open PROBLEM cases are kept whatever their age: they are the
/// alarms still in force. Deletes go in small batches so a first run over a large table never holds locks for long.
/// Running on several alarm instances at once is harmless: each deletes what is still there.
/// </summary>
internal sealed class RetentionService(
    FalconDatabases databases,
    RedisConnection redis,
    IOptions<RetentionOptions> options,
    IOptions<ConsumerOptions> consumer,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    private readonly RetentionOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                RetentionLog.Failed(logger, _options.Interval, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One cleanup pass; returns the events, cases and dead letters deleted.</summary>
    public async Task<(long Events, long Cases, long DeadLetters)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recordsBefore = now - _options.Records;
        // The tables hold local times without a zone, as open-falcon writes them.
        var cutoff = DateTime.SpecifyKind(recordsBefore.ToLocalTime().DateTime, DateTimeKind.Unspecified);
        var events = await DeleteInBatchesAsync("DELETE FROM events WHERE timestamp < @before LIMIT @n", cutoff, cancellationToken);
        // A case that is not an open PROBLEM and has not changed since the cutoff; its notes and events go with it (ON DELETE CASCADE).
        var cases = await DeleteInBatchesAsync(
            "DELETE FROM event_cases WHERE COALESCE(update_at, timestamp) < @before AND (status <> 'PROBLEM' OR process_status IN ('resolved', 'ignored')) LIMIT @n",
            cutoff,
            cancellationToken);
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var deadLetters = await DeadLetterRetention.TrimAsync(
            db, consumer.Value.DeadLetterQueue, now - _options.DeadLetters, _options.DeadLettersMax, cancellationToken);
        if (events + cases + deadLetters > 0)
        {
            RetentionLog.Cleaned(logger, events, cases, recordsBefore, deadLetters);
        }

        return (events, cases, deadLetters);
    }

    private async Task<long> DeleteInBatchesAsync(string sql, DateTime before, CancellationToken cancellationToken)
    {
        long total = 0;
        await using var connection = await databases.Alarms.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            await using var command = new MySqlCommand(sql, connection);
            command.Parameters.Add(new MySqlParameter("@before", MySqlDbType.DateTime) { Value = before });
            command.Parameters.Add(new MySqlParameter("@n", MySqlDbType.Int32) { Value = _options.DeleteBatch });
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < _options.DeleteBatch)
            {
                return total;
            }
        }
    }
}
