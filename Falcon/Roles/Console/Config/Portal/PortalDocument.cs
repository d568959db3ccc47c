namespace Falcon.Roles.Console.Config.Portal;

/// <summary>A portal file: one list of objects per kind, in file order.</summary>
internal sealed record PortalDocument(IReadOnlyList<PortalSection> Sections);

/// <summary>The objects of one kind, under its plural (<see cref="ConfigKinds.SectionOf"/>).</summary>
internal sealed record PortalSection(string Name, IReadOnlyList<PortalObject> Objects);

/// <summary>One object as its kind's JSON, and the line of the file it came from (0 when it came from the database).</summary>
internal sealed record PortalObject(string Json, int Line = 0);
