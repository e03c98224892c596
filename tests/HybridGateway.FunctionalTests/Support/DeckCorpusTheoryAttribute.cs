namespace HybridGateway.FunctionalTests.Support;

/// <summary>A theory over files of the decK corpus (../shared/fixtures/kong-deck), reported as skipped, never passed, when the corpus is absent.</summary>
public sealed class DeckCorpusTheoryAttribute : TheoryAttribute
{
    public static readonly string Corpus = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "fixtures", "kong-deck"));

    public DeckCorpusTheoryAttribute()
    {
        if (!Directory.Exists(Corpus))
        {
            Skip = "Kong decK corpus not found at " + Corpus;
        }
    }
}
