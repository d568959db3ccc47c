namespace Falcon.Roles.Console.Config.Portal;

internal sealed partial class PortalImporter
{
    /// <summary>
    /// Checks what can be checked without the database (each object named once, `passwd` only on users and as text)
    /// and orders each kind's objects for writing; nothing is written when this fails.
    /// </summary>
    private Dictionary<string, List<PortalImportItem>> Check(PortalDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var plan = new Dictionary<string, List<PortalImportItem>>(StringComparer.Ordinal);
        var bySection = kinds.ToDictionary(static k => ConfigKinds.SectionOf(k.Kind), StringComparer.Ordinal);
        foreach (var section in document.Sections)
        {
            if (!bySection.TryGetValue(section.Name, out var kind))
            {
                throw new PortalFileException($"unknown list '{section.Name}' (known: {string.Join(", ", bySection.Keys)})");
            }

            if (plan.ContainsKey(kind.Kind))
            {
                throw new PortalFileException($"the list '{section.Name}' is in the file twice");
            }

            var items = new List<PortalImportItem>();
            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < section.Objects.Count; i++)
            {
                var item = section.Objects[i];
                var place = $"{section.Name}[{i}]" + (item.Line > 0 ? $" (line {item.Line})" : "");
                var name = ConfigObjectNames.NameOf(item.Json)
                    ?? throw new PortalFileException($"{place}: name: every object needs its name");
                place = $"{section.Name}[{i}] '{name}'" + (item.Line > 0 ? $" (line {item.Line})" : "");
                if (!seen.TryAdd(name, place))
                {
                    throw new PortalFileException($"{place}: name: '{name}' is already {seen[name]}");
                }

                var json = item.Json;
                string? hash = null;
                try
                {
                    if (kind.Kind == "user")
                    {
                        json = UserSecrets.Without(item.Json, out hash);
                    }
                }
                catch (ConfigValidationException e)
                {
                    throw new PortalFileException($"{place}: {e.Field}: {e.Message}", e);
                }

                items.Add(new PortalImportItem(kind, name, json, hash, place));
            }

            plan[kind.Kind] = kind.Kind == "template"
                ? ConfigObjectNames.ParentsFirst(items, static i => i.Name, static i => ConfigObjectNames.ParentOf(i.Json))
                : items;
        }

        return plan;
    }
}
