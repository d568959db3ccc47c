namespace Falcon.Roles.Console.Api;

/// <summary>
/// `POST /api/silences`: silence <see cref="Counter"/> on <see cref="Endpoint"/> for <see cref="For"/> (`1h`, `2h30m`),
/// for the signed-in person (<see cref="Scope"/> `me`, the default) or every member of their teams (`team`). The admin
/// token, which is nobody, names the recipient in <see cref="User"/>.
/// </summary>
internal sealed class SilenceRequest
{
    public string? Scope { get; set; }

    public string? User { get; set; }

    public string? Endpoint { get; set; }

    public string? Counter { get; set; }

    public string? For { get; set; }

    public string? Comment { get; set; }
}
