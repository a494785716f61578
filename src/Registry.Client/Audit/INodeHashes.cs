namespace Registry.Client.Audit;

/// <summary>
/// The hashes of a tree's complete subtrees: level 0 holds the leaf hashes; the node at (level, index) covers
/// leaves [index * 2^level, (index + 1) * 2^level). Only subtrees whose leaves all exist are asked for.
/// </summary>
public interface INodeHashes
{
    byte[] Hash(int level, long index);
}
