using Falcon.Shared.Silences;

namespace Falcon.Roles.Console.Api;

/// <summary>The alarm role's `GET /api/silences` answer: `{"data": [...]}`.</summary>
internal sealed class SilenceList
{
    public IReadOnlyList<Silence>? Data { get; set; }
}
