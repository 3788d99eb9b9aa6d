using System.Text;
using System.Text.Json;

namespace Ecommerce.Core.Search;

/// <summary>
/// The strings of one page of documents being loaded, each distinct value kept once. Attribute names and values and
/// variant options ("Colour", "Navy", "XL") repeat across thousands of products: deserialising each product's JSON
/// into a new dictionary of new strings was most of what a rebuild gave the garbage collector. Not thread-safe: one
/// per page.
/// </summary>
internal sealed class LoadedStrings
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<KeyValuePair<string, string>> _pairs = [];
    private byte[] _utf8 = new byte[512];
    private char[] _chars = new char[256];

    public LoadedStrings() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The one string with this text.</summary>
    public string Intern(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var known)) return known;
        var added = text.ToString();
        _strings.Add(added, added);
        return added;
    }

    /// <summary>
    /// A JSON object of strings (product attributes, variant options) as its name/value pairs in order, every name and
    /// value interned. Numbers and true/false are kept as their JSON text; nulls, arrays and objects are skipped; a
    /// repeated name keeps its last value (as a dictionary would). Malformed JSON throws.
    /// </summary>
    public KeyValuePair<string, string>[] ReadObject(string json)
    {
        var length = Encoding.UTF8.GetMaxByteCount(json.Length);
        if (_utf8.Length < length) _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        var reader = new Utf8JsonReader(_utf8.AsSpan(0, Encoding.UTF8.GetBytes(json, _utf8)));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Expected a JSON object.");
        _pairs.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Text(ref reader);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String: Set(name, Text(ref reader)); break;
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False: Set(name, Raw(reader.ValueSpan)); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw new JsonException("Expected one JSON object.");
        return _pairs.Count == 0 ? [] : _pairs.ToArray();

        void Set(string name, string value)
        {
            for (var i = 0; i < _pairs.Count; i++)
                if (ReferenceEquals(_pairs[i].Key, name)) // interned: the same name is the same string
                {
                    _pairs[i] = new(name, value);
                    return;
                }
            _pairs.Add(new(name, value));
        }
    }

    /// <summary>The current name or string, unescaped and interned (the reader's bytes are contiguous: one buffer).</summary>
    private string Text(ref Utf8JsonReader reader)
    {
        var chars = Chars(reader.ValueSpan.Length);
        return Intern(chars.AsSpan(0, reader.CopyString(chars)));
    }

    private string Raw(ReadOnlySpan<byte> utf8)
    {
        var chars = Chars(utf8.Length);
        return Intern(chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars)));
    }

    /// <summary>The character buffer, made large enough for text of this many UTF-8 bytes.</summary>
    private char[] Chars(int bytes)
    {
        if (_chars.Length < bytes) _chars = new char[Math.Max(bytes, _chars.Length * 2)];
        return _chars;
    }
}
