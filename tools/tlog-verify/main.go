// tlog-verify checks a Scrutiny transparency log with an independent implementation: Go's
// golang.org/x/mod/sumdb/note verifies the checkpoint's signature with the published key, and
// golang.org/x/mod/sumdb/tlog recomputes the tree hash from the served entry bundles and checks
// inclusion proofs of sampled entries built from the served hash tiles (C2SP tlog-tiles).
//
// Usage: tlog-verify <log URL> <verifier key> [samples]
// Build without modules: GO111MODULE=off GOPATH=<dir>:/usr/share/gocode go build -o tlog-verify .
package main

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8

func fetch(url string) ([]byte, error) {
	response, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, response.Status)
	}
	return io.ReadAll(response.Body)
}

// tileIndex encodes N as C2SP tlog-tiles does: 3-digit groups, all but the last prefixed with x.
func tileIndex(n int64) string {
	digits := strconv.FormatInt(n, 10)
	for len(digits)%3 != 0 {
		digits = "0" + digits
	}
	var groups []string
	for i := 0; i < len(digits); i += 3 {
		groups = append(groups, digits[i:i+3])
	}
	for i := 0; i < len(groups)-1; i++ {
		groups[i] = "x" + groups[i]
	}
	return strings.Join(groups, "/")
}

func tilePath(level string, n int64, width int) string {
	path := "tile/" + level + "/" + tileIndex(n)
	if width < 1<<tileHeight {
		path += ".p/" + strconv.Itoa(width)
	}
	return path
}

// tileReader serves tlog.TileHashReader from the log's C2SP hash tiles.
type tileReader struct{ base string }

func (r *tileReader) Height() int { return tileHeight }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := fetch(r.base + "/" + tilePath(strconv.Itoa(t.L), t.N, t.W))
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (r *tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

func parseCheckpoint(text string) (origin string, tree tlog.Tree, err error) {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) < 4 {
		return "", tree, errors.New("checkpoint has fewer than three lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		return "", tree, fmt.Errorf("checkpoint size: %v", err)
	}
	hash, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(hash) != tlog.HashSize {
		return "", tree, errors.New("checkpoint root hash is not 32 bytes of base64")
	}
	tree.N = size
	copy(tree.Hash[:], hash)
	return lines[0], tree, nil
}

func run(base, vkey string, samples int) error {
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return fmt.Errorf("verifier key: %v", err)
	}
	message, err := fetch(base + "/checkpoint")
	if err != nil {
		return err
	}
	signed, err := note.Open(message, note.VerifierList(verifier))
	if err != nil {
		return fmt.Errorf("checkpoint signature: %v", err)
	}
	origin, tree, err := parseCheckpoint(signed.Text)
	if err != nil {
		return err
	}
	if origin != verifier.Name() {
		return fmt.Errorf("checkpoint origin %q is not the key's name %q", origin, verifier.Name())
	}

	// Recompute the tree hash from the entries themselves.
	var records []tlog.Hash
	for n := int64(0); n*256 < tree.N; n++ {
		width := tree.N - n*256
		if width > 256 {
			width = 256
		}
		bundle, err := fetch(base + "/" + tilePath("entries", n, int(width)))
		if err != nil {
			return err
		}
		for len(bundle) > 0 {
			if len(bundle) < 2 {
				return fmt.Errorf("entry bundle %d is truncated", n)
			}
			length := int(bundle[0])<<8 | int(bundle[1])
			if len(bundle) < 2+length {
				return fmt.Errorf("entry bundle %d is truncated", n)
			}
			records = append(records, tlog.RecordHash(bundle[2:2+length]))
			bundle = bundle[2+length:]
		}
	}
	if int64(len(records)) != tree.N {
		return fmt.Errorf("the entry bundles hold %d entries, the checkpoint says %d", len(records), tree.N)
	}
	var stored []tlog.Hash
	storage := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, index := range indexes {
			if index < 0 || index >= int64(len(stored)) {
				return nil, fmt.Errorf("hash %d not computed", index)
			}
			out[i] = stored[index]
		}
		return out, nil
	})
	for i, record := range records {
		hashes, err := tlog.StoredHashesForRecordHash(int64(i), record, storage)
		if err != nil {
			return err
		}
		stored = append(stored, hashes...)
	}
	recomputed, err := tlog.TreeHash(tree.N, storage)
	if err != nil {
		return err
	}
	if recomputed != tree.Hash {
		return fmt.Errorf("the entries hash to %v, the signed checkpoint says %v", recomputed, tree.Hash)
	}

	// Inclusion proofs of sampled entries, from the served hash tiles (checked against the tree).
	tiles := tlog.TileHashReader(tree, &tileReader{base: base})
	checked := 0
	for k := 0; k < samples && tree.N > 0; k++ {
		index := (int64(k)*7919 + int64(k*k)) % tree.N
		if k == samples-1 {
			index = tree.N - 1
		}
		proof, err := tlog.ProveRecord(tree.N, index, tiles)
		if err != nil {
			return fmt.Errorf("proof of entry %d: %v", index, err)
		}
		if err := tlog.CheckRecord(proof, tree.N, tree.Hash, index, records[index]); err != nil {
			return fmt.Errorf("entry %d: %v", index, err)
		}
		checked++
	}
	var cosigned bytes.Buffer
	for _, sig := range signed.UnverifiedSigs {
		fmt.Fprintf(&cosigned, " %s", sig.Name)
	}
	fmt.Printf("ok: %s size %d root %v; signature by %s; tree hash recomputed from %d entries; %d inclusion proofs checked; other signatures:%s\n",
		origin, tree.N, tree.Hash, verifier.Name(), len(records), checked, cosigned.String())
	return nil
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: tlog-verify <log URL> <verifier key> [samples]")
		os.Exit(2)
	}
	samples := 16
	if len(os.Args) > 3 {
		if n, err := strconv.Atoi(os.Args[3]); err == nil {
			samples = n
		}
	}
	if err := run(strings.TrimRight(os.Args[1], "/"), os.Args[2], samples); err != nil {
		fmt.Fprintln(os.Stderr, "tlog-verify:", err)
		os.Exit(1)
	}
}
