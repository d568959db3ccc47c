namespace Falcon.Roles.Alarm.Consumption;

/// <summary>Redis lists, other than the event in-flight lists, that hold one instance's unfinished work; taken over with it.</summary>
internal interface IInstanceOwnedLists
{
    /// <summary>The lists of <paramref name="instanceId"/>, in the same order for every instance.</summary>
    IReadOnlyList<string> ListsOf(string instanceId);
}
