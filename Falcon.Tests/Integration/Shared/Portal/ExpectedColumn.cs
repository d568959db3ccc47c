namespace Falcon.Tests.Integration.Shared.Portal;

/// <summary>One column spot check of <see cref="OpenFalconSchema"/>.</summary>
internal sealed record ExpectedColumn(string Database, string Table, string Column, string Type, bool Nullable, string? Default);
