using System.Numerics;

namespace AgentOs.Kernel.Vfs;

/// <summary>
/// A writable in-memory regular file. Contents are paged (64 KiB pages, allocated on first write and grown in
/// powers of two so small files stay small); missing pages and missing page tails are holes that read as zeros.
/// Appends never copy the file. A copy made for another file system (<see cref="CopyFor"/>, a fork or a saved
/// state's snapshot) shares the pages: both sides copy a shared page before they first change it. Every byte of length is charged to the file system's byte budget: growth is
/// reserved before the data changes (outside <see cref="Inode.Sync"/>, so a limit warning never runs under it),
/// shrinking releases at once.
/// </summary>
internal sealed class MemoryFileInode : RegularFileInode
{
    /// <summary>Largest supported length: page indexes must fit an int.</summary>
    public const long MaxLength = 1L << 44;

    private const int PageShift = 16;
    private const int PageSize = 1 << PageShift;
    private const int PageMask = PageSize - 1;
    private const int MinPageAllocation = 256;

    // Guarded by Sync.
    private readonly List<byte[]?> _pages = [];

    // Pages another file's page list also holds; null until a copy is made.
    private HashSet<byte[]>? _shared;
    private long _length;
    private bool _dead;

    public MemoryFileInode(FileSystemInstance fileSystem, uint permissions, uint uid, uint gid)
        : base(fileSystem, permissions, uid, gid)
    {
    }

    /// <inheritdoc/>
    public override long Length => Volatile.Read(ref _length);

    /// <inheritdoc/>
    public override bool IsWritable => true;

    /// <summary>
    /// A copy of this file in <paramref name="target"/> (same contents, permissions, owner and times) sharing the
    /// pages copy-on-write, its length reserved on <paramref name="target"/>'s budgets (the caller reserved the
    /// inode); null when the byte budget has no room.
    /// </summary>
    public MemoryFileInode? CopyFor(FileSystemInstance target)
    {
        var copy = new MemoryFileInode(target, 0, 0, 0);
        while (true)
        {
            // Reserved outside Sync (a limit warning must not run under it); a write in between means another try.
            var length = Length;
            if (!target.TryReserveBytes(length))
            {
                return null;
            }

            lock (Sync)
            {
                if (_length == length)
                {
                    _shared ??= new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
                    copy._shared = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
                    foreach (var page in _pages)
                    {
                        if (page is not null)
                        {
                            _shared.Add(page);
                            copy._shared.Add(page);
                        }
                    }

                    copy._pages.AddRange(_pages);
                    copy._length = _length;
                    break;
                }
            }

            target.ReleaseBytes(length);
        }

        copy.CopyAttributesFrom(this);
        return copy;
    }

    /// <inheritdoc/>
    public override int Read(long offset, Span<byte> destination)
    {
        var now = FileSystem.NowNs();
        lock (Sync)
        {
            if (offset >= _length || destination.IsEmpty)
            {
                return 0;
            }

            var count = (int)Math.Min(destination.Length, _length - offset);
            CopyOut(offset, destination[..count]);
            MarkAccessedLocked(now);
            return count;
        }
    }

    /// <inheritdoc/>
    public override Errno Write(long offset, bool append, ReadOnlySpan<byte> source, out int written, out long end)
    {
        written = 0;
        end = offset;
        var now = FileSystem.NowNs();
        long reserved = 0;
        var partial = false;
        try
        {
            while (true)
            {
                long shortfall;
                lock (Sync)
                {
                    ObjectDisposedException.ThrowIf(_dead, this);
                    var start = append ? _length : offset;
                    if (start > MaxLength - source.Length)
                    {
                        return Errno.EFBIG;
                    }

                    var count = source.Length;
                    var growth = Math.Max(0, start + count - _length);
                    shortfall = growth - reserved;
                    if (shortfall <= 0 || partial)
                    {
                        if (shortfall > 0)
                        {
                            // The budget had no more room than what is reserved: write what fits (Linux short write).
                            var room = _length + reserved - start;
                            if (room <= 0)
                            {
                                end = start;
                                return Errno.ENOSPC;
                            }

                            count = (int)Math.Min(count, room);
                            growth = Math.Max(0, start + count - _length);
                        }

                        if (count > 0)
                        {
                            CopyIn(start, source[..count]);
                            Volatile.Write(ref _length, Math.Max(_length, start + count));
                            reserved -= growth;
                            MarkModifiedLocked(now);
                        }

                        written = count;
                        end = start + count;
                        return Errno.Success;
                    }
                }

                if (FileSystem.TryReserveBytes(shortfall))
                {
                    reserved += shortfall;
                }
                else
                {
                    partial = true;
                    var available = FileSystem.AvailableBytes;
                    if (available > 0 && available < shortfall && FileSystem.TryReserveBytes(available))
                    {
                        reserved += available;
                    }
                }
            }
        }
        finally
        {
            FileSystem.ReleaseBytes(reserved);
        }
    }

    /// <inheritdoc/>
    public override Errno SetLength(long length)
    {
        if (length < 0)
        {
            return Errno.EINVAL;
        }

        if (length > MaxLength)
        {
            return Errno.EFBIG;
        }

        var now = FileSystem.NowNs();
        long reserved = 0;
        long freed = 0;
        try
        {
            while (true)
            {
                long shortfall;
                lock (Sync)
                {
                    ObjectDisposedException.ThrowIf(_dead, this);
                    shortfall = length - _length - reserved;
                    if (shortfall <= 0)
                    {
                        if (length < _length)
                        {
                            freed = _length - length;
                            DropBeyond(length);
                        }
                        else
                        {
                            reserved -= length - _length;
                        }

                        Volatile.Write(ref _length, length);
                        MarkModifiedLocked(now);
                        return Errno.Success;
                    }
                }

                if (!FileSystem.TryReserveBytes(shortfall))
                {
                    return Errno.ENOSPC;
                }

                reserved += shortfall;
            }
        }
        finally
        {
            FileSystem.ReleaseBytes(reserved + freed);
        }
    }

    /// <inheritdoc/>
    protected override void ReleaseStorage()
    {
        long freed;
        lock (Sync)
        {
            _dead = true;
            freed = _length;
            _pages.Clear();
            _shared = null;
            _length = 0;
        }

        FileSystem.ReleaseBytes(freed);
    }

    private void CopyOut(long offset, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var index = (int)(offset >> PageShift);
            var inPage = (int)(offset & PageMask);
            var count = Math.Min(destination.Length, PageSize - inPage);
            var page = index < _pages.Count ? _pages[index] : null;
            var stored = page is null ? 0 : Math.Clamp(page.Length - inPage, 0, count);
            if (stored > 0)
            {
                page.AsSpan(inPage, stored).CopyTo(destination);
            }

            destination[stored..count].Clear();
            destination = destination[count..];
            offset += count;
        }
    }

    private void CopyIn(long offset, ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            var index = (int)(offset >> PageShift);
            var inPage = (int)(offset & PageMask);
            var count = Math.Min(source.Length, PageSize - inPage);
            while (_pages.Count <= index)
            {
                _pages.Add(null);
            }

            var page = _pages[index];
            var needed = inPage + count;
            if (page is null || page.Length < needed)
            {
                var size = (int)Math.Min(PageSize, BitOperations.RoundUpToPowerOf2((uint)Math.Max(needed, MinPageAllocation)));
                Unshare(page);
                Array.Resize(ref page, size);
                _pages[index] = page;
            }
            else if (Unshare(page))
            {
                page = (byte[])page.Clone();
                _pages[index] = page;
            }

            source[..count].CopyTo(page.AsSpan(inPage));
            source = source[count..];
            offset += count;
        }
    }

    // Frees pages past a new, smaller length and zeroes the kept tail, so a later extension reads zeros there.
    private void DropBeyond(long length)
    {
        var keep = (int)((length + PageMask) >> PageShift);
        if (_pages.Count > keep)
        {
            for (var i = keep; i < _pages.Count; i++)
            {
                Unshare(_pages[i]);
            }

            _pages.RemoveRange(keep, _pages.Count - keep);
        }

        var inPage = (int)(length & PageMask);
        if (inPage != 0 && keep - 1 < _pages.Count && _pages[keep - 1] is { } tail && tail.Length > inPage)
        {
            if (Unshare(tail))
            {
                tail = (byte[])tail.Clone();
                _pages[keep - 1] = tail;
            }

            Array.Clear(tail, inPage, tail.Length - inPage);
        }
    }

    /// <summary>Forgets that <paramref name="page"/> is shared; true when it was (so the caller must copy it before
    /// changing it). The other holder keeps treating it as shared, which at worst costs it one needless copy.</summary>
    private bool Unshare(byte[]? page) => page is not null && _shared is not null && _shared.Remove(page);
}
