using Registry.Client.Audit;

namespace Registry.Server.Audit;

/// <summary>
/// A tree built in memory from its leaves in order, keeping only the roots of its complete subtrees (at most
/// log2(n) of them): enough to give the root at the current size. Used to recompute the tree from the log.
/// </summary>
internal sealed class CompactRange
{
    private readonly List<(long Size, byte[] Hash)> _subtrees = [];

    public long Size { get; private set; }

    public void Append(byte[] leafHash)
    {
        _subtrees.Add((1, leafHash));
        Size++;
        while (_subtrees.Count >= 2 && _subtrees[^1].Size == _subtrees[^2].Size)
        {
            var right = _subtrees[^1];
            var left = _subtrees[^2];
            _subtrees.RemoveRange(_subtrees.Count - 2, 2);
            _subtrees.Add((left.Size * 2, MerkleHashing.Node(left.Hash, right.Hash)));
        }
    }

    /// <summary>RFC 9162's MTH of the leaves so far: the complete subtrees folded from the right.</summary>
    public byte[] Root()
    {
        if (_subtrees.Count == 0)
            return MerkleHashing.EmptyRoot();
        var root = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--)
            root = MerkleHashing.Node(_subtrees[i].Hash, root);
        return root;
    }
}
