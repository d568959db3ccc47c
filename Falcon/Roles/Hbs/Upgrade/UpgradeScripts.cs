namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>
/// The Lua scripts that make every upgrade decision atomic across hbs instances. Each takes
/// <see cref="UpgradeKeys.All"/> as KEYS and, first in ARGV: task id, now (unix ms, from the coordinator's
/// TimeProvider rather than Redis TIME so tests can move the clock), max attempts, backoff (ms), pause ratio,
/// pause minimum sample.
/// </summary>
internal static class UpgradeScripts
{
    /// <summary>Reply codes (first element of a script's reply).</summary>
    public const long Stale = 0, Granted = 1, Full = 2, BackingOff = 3, HostFailed = 4, CanaryWait = 5, AttemptFailed = 6, Done = 7, Recorded = 8;

    // Shared functions. A failed attempt either schedules a retry with exponential backoff or, once the host has
    // used its attempts, marks it failed; the outcome counters feed the automatic pause.
    private const string Prelude = """
        local task, slots, attempts, retry, failed, done, pending, canary, outcomes = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9]
        local id = ARGV[1]
        local now = tonumber(ARGV[2])
        local maxAttempts = tonumber(ARGV[3])
        local backoff = tonumber(ARGV[4])
        local ratio = tonumber(ARGV[5])
        local minSample = tonumber(ARGV[6])

        local function maybePause()
          if redis.call('HGET', task, 'state') ~= 'running' then return end
          local ok = tonumber(redis.call('HGET', task, 'ok') or '0')
          local bad = tonumber(redis.call('HGET', task, 'bad') or '0')
          if ok + bad >= minSample and bad > ratio * (ok + bad) then
            redis.call('HSET', task, 'state', 'paused', 'reason',
              'paused automatically: ' .. bad .. ' of ' .. (ok + bad) .. ' upgrade attempts failed')
          end
        end

        local function fail(host, err, result)
          local n = tonumber(redis.call('HGET', attempts, host) or '0')
          redis.call('HINCRBY', task, 'bad', 1)
          redis.call('HSET', outcomes, host, (result or 'failed') .. '|' .. ARGV[2] .. '|' .. err)
          if n >= maxAttempts then
            redis.call('HSET', failed, host, n .. '|' .. ARGV[2] .. '|' .. err)
            redis.call('HDEL', retry, host)
            redis.call('SREM', pending, host)
          else
            redis.call('HSET', retry, host, now + backoff * math.pow(2, math.min(math.max(n - 1, 0), 20)))
            redis.call('SADD', pending, host)
          end
        end

        -- Slots past their deadline: the host died or hung mid-upgrade. Freed here, in the same script that hands
        -- out slots, so the cap never counts them and never leaks them.
        local function sweep()
          local expired = redis.call('ZRANGEBYSCORE', slots, '-inf', now)
          for _, host in ipairs(expired) do
            fail(host, 'no result before the slot deadline')
          end
          if #expired > 0 then
            redis.call('ZREMRANGEBYSCORE', slots, '-inf', now)
            maybePause()
          end
          return #expired
        end

        """;

    /// <summary>
    /// A heartbeat of a host that needs the upgrade and is not upgrading. ARGV[7..]: hostname, reported version,
    /// slot deadline (unix ms), max concurrent, is canary (0/1), canary mode (0 none, 1 list, 2 percent), canary list
    /// size, canary window (ms), the agent's own reason and result for its failed attempt ('' when it gave none).
    /// Reply: {code, value, expired slots swept}.
    /// </summary>
    public const string Heartbeat = Prelude + """
        local host = ARGV[7]
        local version = ARGV[8]
        local deadline = tonumber(ARGV[9])
        local cap = tonumber(ARGV[10])
        local isCanary = ARGV[11] == '1'
        local canaryMode = ARGV[12]
        local canaryCount = tonumber(ARGV[13])
        local canaryWindow = tonumber(ARGV[14])
        local agentReason = ARGV[15]
        local agentResult = ARGV[16]

        if redis.call('HGET', task, 'id') ~= id then return {0, 0, 0} end
        local swept = sweep()
        if redis.call('HGET', task, 'state') ~= 'running' then return {0, 0, swept} end
        if redis.call('HEXISTS', failed, host) == 1 then return {4, 0, swept} end
        -- Reported done before, now an older version again (rolled back, reinstalled): it needs the upgrade again.
        redis.call('SREM', done, host)

        if redis.call('ZSCORE', slots, host) then
          -- It was sent the task, and now reports neither the target version nor that it is upgrading.
          redis.call('ZREM', slots, host)
          if agentReason ~= '' then
            fail(host, agentReason, agentResult)
          else
            fail(host, 'still at version ' .. version .. ' after the upgrade command')
          end
          maybePause()
          if redis.call('HEXISTS', failed, host) == 1 then return {6, -1, swept} end
          return {6, tonumber(redis.call('HGET', retry, host)), swept}
        end

        local retryAt = tonumber(redis.call('HGET', retry, host) or '0')
        if retryAt > now then
          redis.call('SADD', pending, host)
          return {3, retryAt, swept}
        end

        if canaryMode ~= '0' then
          if isCanary then
            redis.call('SADD', canary, host)
          elseif redis.call('HGET', task, 'canary_complete') ~= '1' then
            local complete = false
            if redis.call('SCARD', canary) == 0 then
              if canaryMode == '1' then
                complete = tonumber(redis.call('HGET', task, 'canary_done') or '0') >= canaryCount
              else
                complete = now - tonumber(redis.call('HGET', task, 'created')) >= canaryWindow
              end
            end
            if not complete then
              redis.call('SADD', pending, host)
              return {5, 0, swept}
            end
            redis.call('HSET', task, 'canary_complete', '1')
          end
        end

        if redis.call('ZCARD', slots) >= cap then
          redis.call('SADD', pending, host)
          return {2, 0, swept}
        end
        redis.call('ZADD', slots, deadline, host)
        local n = redis.call('HINCRBY', attempts, host, 1)
        redis.call('HDEL', retry, host)
        redis.call('SREM', pending, host)
        return {1, n, swept}
        """;

    /// <summary>A host reports the target version: free its slot and count it done. ARGV[7..]: hostname, is canary (0/1).</summary>
    public const string MarkDone = Prelude + """
        local host = ARGV[7]
        if redis.call('HGET', task, 'id') ~= id or redis.call('HGET', task, 'state') == 'cancelled' then return {0, 0, 0} end
        local swept = sweep()
        redis.call('ZREM', slots, host)
        redis.call('HDEL', retry, host)
        redis.call('SREM', pending, host)
        redis.call('HDEL', failed, host)
        redis.call('HDEL', outcomes, host)
        local newly = redis.call('SADD', done, host)
        if newly == 1 then
          if redis.call('HEXISTS', attempts, host) == 1 then redis.call('HINCRBY', task, 'ok', 1) end
          if ARGV[8] == '1' then
            redis.call('SREM', canary, host)
            redis.call('HINCRBY', task, 'canary_done', 1)
          end
        end
        return {7, newly, swept}
        """;

    /// <summary>Counts for the status route, after freeing expired slots. Reply: {in flight, done, failed, pending, canary waiting, swept, HGETALL task, hosts with a failed last attempt}.</summary>
    public const string Status = Prelude + """
        local swept = 0
        if redis.call('HGET', task, 'state') then swept = sweep() end
        return {redis.call('ZCARD', slots), redis.call('SCARD', done), redis.call('HLEN', failed),
          redis.call('SCARD', pending), redis.call('SCARD', canary), swept, redis.call('HGETALL', task), redis.call('HLEN', outcomes)}
        """;

    /// <summary>
    /// An agent's own account of its failed attempt (Falcon's heartbeat extension), which replaces what hbs guessed.
    /// ARGV[7..]: hostname, result, unix ms, reason. Reply: {code, 0, 0}.
    /// </summary>
    public const string RecordOutcome = Prelude + """
        local host = ARGV[7]
        if redis.call('HGET', task, 'id') ~= id then return {0, 0, 0} end
        if redis.call('SISMEMBER', done, host) == 1 then return {7, 0, 0} end
        redis.call('HSET', outcomes, host, ARGV[8] .. '|' .. ARGV[9] .. '|' .. ARGV[10])
        local given = redis.call('HGET', failed, host)
        if given then
          local n, at = string.match(given, '^(%d+)|(%d+)|')
          if n then redis.call('HSET', failed, host, n .. '|' .. at .. '|' .. ARGV[10]) end
        end
        return {8, 0, 0}
        """;

    /// <summary>A new task replaces the old one and forgets every host's attempts. ARGV: the task hash's field/value pairs.</summary>
    public const string Push = """
        for i = 1, #KEYS do redis.call('DEL', KEYS[i]) end
        redis.call('HSET', KEYS[1], unpack(ARGV))
        return 1
        """;

    /// <summary>Cancels the task (the fork's DELETE); done and failed hosts stay visible in the status until the next push.</summary>
    public const string Cancel = """
        if not redis.call('HGET', KEYS[1], 'state') then return 0 end
        redis.call('HSET', KEYS[1], 'state', 'cancelled')
        redis.call('DEL', KEYS[2], KEYS[4], KEYS[7], KEYS[8])
        return 1
        """;

    /// <summary>
    /// An operator's pause of a running task: no new slots are handed out (the heartbeat script checks the state), while
    /// hosts already upgrading keep their slots and are counted when they report. ARGV[1]: the reason shown in the status.
    /// </summary>
    public const string Pause = """
        if redis.call('HGET', KEYS[1], 'state') ~= 'running' then return 0 end
        redis.call('HSET', KEYS[1], 'state', 'paused', 'reason', ARGV[1])
        return 1
        """;

    /// <summary>Resumes a paused task; the outcome counters restart so the pause ratio judges only what follows.</summary>
    public const string Resume = """
        if redis.call('HGET', KEYS[1], 'state') ~= 'paused' then return 0 end
        redis.call('HSET', KEYS[1], 'state', 'running', 'ok', 0, 'bad', 0)
        redis.call('HDEL', KEYS[1], 'reason')
        return 1
        """;
}
