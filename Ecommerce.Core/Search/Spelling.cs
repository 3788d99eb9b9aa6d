namespace Ecommerce.Core.Search;

/// <summary>Typo tolerance: the closest known word by edit distance (Damerau-Levenshtein, adjacent swaps count as one).</summary>
public static class Spelling
{
    public static string? Closest(string word, IEnumerable<(string Word, int Frequency)> candidates)
    {
        var maxDistance = word.Length <= 4 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        foreach (var (candidate, frequency) in candidates)
        {
            if (Math.Abs(candidate.Length - word.Length) > maxDistance) continue;
            var distance = Distance(word, candidate, maxDistance);
            if (distance > maxDistance) continue;
            if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
            {
                best = candidate; bestDistance = distance; bestFrequency = frequency;
            }
        }
        return best;
    }

    public static int Distance(string a, string b, int cap = int.MaxValue)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, d[i - 2, j - 2] + 1);
                d[i, j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > cap) return rowMin;
        }
        return d[a.Length, b.Length];
    }
}
