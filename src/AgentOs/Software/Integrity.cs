namespace AgentOs.Software;

/// <summary>Subresource-Integrity strings as npm writes them in <c>dist.integrity</c> ("sha512-BASE64 ...").</summary>
internal static class Integrity
{
    /// <summary>The sha512 digests an SRI string allows (any one may match); empty when it has none.</summary>
    public static IReadOnlyList<byte[]> Sha512Digests(string? sri)
    {
        var digests = new List<byte[]>();
        foreach (string token in (sri ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!token.StartsWith("sha512-", StringComparison.Ordinal))
            {
                continue;
            }

            // SRI allows "?options" after the digest.
            string base64 = token[7..].Split('?')[0];
            byte[] digest = new byte[64];
            if (Convert.TryFromBase64String(base64, digest, out int written) && written == 64)
            {
                digests.Add(digest);
            }
        }

        return digests;
    }
}
