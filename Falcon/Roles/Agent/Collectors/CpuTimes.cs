namespace Falcon.Roles.Agent.Collectors;

/// <summary>One "cpu" line of /proc/stat, in jiffies; columns an old kernel lacks are 0.</summary>
internal struct CpuTimes
{
    public const int FieldCount = 9;

    // user nice system idle iowait irq softirq steal guest (guest_nice and later columns are ignored).
    private FieldArray _fields;

    public readonly ulong this[int index] => _fields[index];

    /// <summary>
    /// All time spent: the first eight columns. guest is already counted in user by the kernel, so it is not added
    /// again (open-falcon adds it, which slightly understates every percentage on hosts running VMs).
    /// </summary>
    public readonly ulong Total
    {
        get
        {
            ulong total = 0;
            for (int i = 0; i < 8; i++)
            {
                total += _fields[i];
            }

            return total;
        }
    }

    public static bool TryParse(ReadOnlySpan<char> valuesAfterName, out CpuTimes times)
    {
        times = default;
        var words = new Words(valuesAfterName);
        int count = 0;
        while (count < FieldCount && words.MoveNext())
        {
            if (!ProcParse.TryULong(words.Current, out ulong value))
            {
                return false;
            }

            times._fields[count++] = value;
        }

        // user nice system idle is the least any kernel writes.
        return count >= 4;
    }

    [System.Runtime.CompilerServices.InlineArray(FieldCount)]
    private struct FieldArray
    {
        private ulong _element;
    }
}
