using Falcon.Roles.Alarm.Channels;

namespace Falcon.Tests.Roles.Alarm.Channels;

/// <summary>Alarm messages for channel and delivery tests.</summary>
internal static class TestMessages
{
    public static AlarmMessage Card(string? id = null, ChannelKind channel = ChannelKind.Im) => new(
        id ?? Guid.NewGuid().ToString("N"),
        channel,
        ["alice"],
        [],
        "[P0][PROBLEM] host-a cpu.idle",
        "[P0][PROBLEM][host-a][][ all(#3) cpu.idle  5<10][O1 2026-11-24 10:00:00]",
        0,
        "PROBLEM",
        "s_1_abc",
        [new MessageAction("Silence 1h", "https://falcon.example/silence?sig=abc&for=1h"), new MessageAction("Silence 1d", "https://falcon.example/silence?sig=def&for=1d")]);

    public static AlarmMessage Text(ChannelKind channel, params string[] recipients) => new(
        Guid.NewGuid().ToString("N"),
        channel,
        recipients,
        [],
        "[P1][PROBLEM] host-b disk",
        "[P1][PROBLEM][host-b][][ all(#1) df.bytes.free.percent 3<5 & \"quoted\"][O1 2026-11-24 10:00:00]",
        1,
        "PROBLEM",
        "s_2_def",
        []);
}
