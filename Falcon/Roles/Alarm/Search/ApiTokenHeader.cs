namespace Falcon.Roles.Alarm.Search;

/// <summary>open-falcon's `Apitoken` header: `{"name":"&lt;user&gt;","sig":"&lt;session sig&gt;"}`.</summary>
internal sealed class ApiTokenHeader
{
    public string? Name { get; init; }

    public string? Sig { get; init; }
}
