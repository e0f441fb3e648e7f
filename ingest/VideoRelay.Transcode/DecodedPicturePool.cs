namespace VideoRelay.Transcode;

/// <summary>
/// A fixed set of <see cref="DecodedPicture"/> objects: rented by the decode thread only, returned by
/// whichever thread drops the last reference. Bounded: when every picture is out (encoders behind),
/// the decode thread drops the picture for all renditions and counts it.
/// </summary>
internal sealed class DecodedPicturePool
{
    private readonly DecodedPicture[] _pictures;
    private readonly int[] _inUse;

    public DecodedPicturePool(int count)
    {
        _pictures = new DecodedPicture[count];
        _inUse = new int[count];
        for (int i = 0; i < count; i++)
        {
            _pictures[i] = new DecodedPicture(this, i);
        }
    }

    public int Count => _pictures.Length;

    /// <summary>Pictures currently rented.</summary>
    public int Outstanding
    {
        get
        {
            int n = 0;
            for (int i = 0; i < _inUse.Length; i++)
            {
                n += Volatile.Read(ref _inUse[i]);
            }
            return n;
        }
    }

    /// <summary>Decode thread only: takes a free picture holding <paramref name="frame"/> (one reference).</summary>
    public bool TryRent(nint frame, out DecodedPicture picture)
    {
        for (int i = 0; i < _pictures.Length; i++)
        {
            if (Volatile.Read(ref _inUse[i]) == 0)
            {
                _inUse[i] = 1;
                picture = _pictures[i];
                picture.OnRent(frame);
                return true;
            }
        }
        picture = null!;
        return false;
    }

    internal void Return(DecodedPicture picture) => Volatile.Write(ref _inUse[picture.Index], 0);
}
