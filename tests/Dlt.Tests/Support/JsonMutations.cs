using System.Text;

namespace Dlt.Tests.Support;

/// <summary>Well-formed JSON with a byte or two inserted, deleted or replaced, for tests that compare a reader of ours with System.Text.Json's.</summary>
internal static class JsonMutations
{
    private static readonly byte[] Alphabet = Encoding.UTF8.GetBytes("{}[]\":,.-+0123456789eEtrufalsn \t\n\\/bu'x").Concat(new byte[] { 0x01, 0x1F, 0x7F, 0xC3, 0xA9 }).ToArray();

    public static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        for (var edits = random.Next(1, 3); edits > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0:
                    bytes.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
            }
        }

        return [.. bytes];
    }
}
