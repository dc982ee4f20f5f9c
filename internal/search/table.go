package search

// strTable maps strings to ints as a map[string]int does, for the index
// builder's look-up of every word it reads. Kept by hand: a Go map (and a
// table hashed with hash/maphash) spent more time on each of those
// look-ups than the builder spent reading the word, hashing the word and
// then comparing it byte by byte. Most words are 8 bytes or shorter: such
// a key is its own tag (its bytes in a uint64), read in one load and
// compared as one number, with no hash function and no string compare. A
// longer key's tag is a hash of it, and its string is compared when the
// tag and length match.
type strTable struct {
	slots []strSlot // a power of two long, at most half full; nil until the first set
	shift uint      // 64 - log2(len(slots)): a hash's top bits pick its first slot
	long  []string  // the key of each slot whose key is longer than 8 bytes
	n     int       // keys held
}

// strSlot is one slot of strTable.
type strSlot struct {
	tag  uint64 // see strTable
	size int32  // the key's length + 1; 0: an empty slot
	val  int32
}

// keyTag returns the tag of s[start:end] (see strTable). T is string or
// []byte, so that both are read without a copy.
func keyTag[T string | []byte](s T, start, end int) uint64 {
	n := end - start
	if n > 8 {
		h := uint64(n)
		for i := start; i+8 < end; i += 8 {
			h = (h ^ load64(s, i)) * tagMul
		}
		return (h ^ load64(s, end-8)) * tagMul
	}
	if start+8 <= len(s) {
		// The 8 bytes from start, less those past the word (all of them
		// at n = 8, where the shift gives 0).
		return load64(s, start) & (1<<(8*n) - 1)
	}
	var tag uint64
	for i := end - 1; i >= start; i-- {
		tag = tag<<8 | uint64(s[i])
	}
	return tag
}

// tagMul is an odd 64-bit constant (2^64 / the golden ratio) for
// multiplicative hashing.
const tagMul = 0x9E3779B97F4A7C15

// load64 returns the 8 bytes of s from i, little end first (one load).
func load64[T string | []byte](s T, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// first is the first slot of a key of the tag and length.
func (t *strTable) first(tag uint64, n int) int {
	return int(((tag ^ uint64(n)) * tagMul) >> t.shift)
}

// lookup returns the value of s[start:end] and whether it is held; tag
// and i are for set when it is not. T is string or []byte.
func lookup[T string | []byte](t *strTable, s T, start, end int) (val int, ok bool, tag uint64, i int) {
	if n := end - start; n <= 8 && start+8 <= len(s) {
		tag = load64(s, start) & (1<<(8*n) - 1) // keyTag, without a call
	} else {
		tag = keyTag(s, start, end)
	}
	if t.slots == nil {
		return 0, false, tag, -1
	}
	size := int32(end-start) + 1
	mask := len(t.slots) - 1
	for i = t.first(tag, end-start); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.tag == tag && sl.size == size && (size <= 9 || t.long[i] == string(s[start:end])) {
			return int(sl.val), true, tag, i
		}
		if sl.size == 0 {
			return 0, false, tag, i
		}
	}
}

// set adds k, which lookup did not find and gave tag and i for, with the
// value v. Nothing may have been set in between.
func (t *strTable) set(k string, v int, tag uint64, i int) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
		i = t.free(tag, len(k))
	}
	t.slots[i] = strSlot{tag: tag, size: int32(len(k)) + 1, val: int32(v)}
	if len(k) > 8 {
		t.long[i] = k
	}
	t.n++
}

// free returns the slot where a key that is not held goes.
func (t *strTable) free(tag uint64, n int) int {
	mask := len(t.slots) - 1
	i := t.first(tag, n)
	for t.slots[i].size != 0 {
		i = (i + 1) & mask
	}
	return i
}

// grow doubles the slots (to 64 at first) and puts the keys back.
func (t *strTable) grow() {
	old, oldLong := t.slots, t.long
	n := max(64, 2*len(old))
	t.slots, t.long = make([]strSlot, n), make([]string, n)
	t.shift = 64
	for ; n > 1; n >>= 1 {
		t.shift--
	}
	for j, sl := range old {
		if sl.size != 0 {
			i := t.free(sl.tag, int(sl.size-1))
			t.slots[i], t.long[i] = sl, oldLong[j]
		}
	}
}
