package analysis

import (
	"io"
	"strings"
	"testing"
)

// TestReadPartial_sizeLimit: a file past the limit is refused after
// reading one byte more than the limit, whatever its size (/dev/zero
// included), never read whole.
func TestReadPartial_sizeLimit(t *testing.T) {
	zeros := io.LimitReader(neverEnding{}, 1<<40)
	_, err := readPartial(zeros, 1<<10)
	if err == nil || !strings.Contains(err.Error(), "larger than 1024 bytes") {
		t.Fatalf("readPartial(1 TiB of zeros) = %v, want a size refusal", err)
	}
}

type neverEnding struct{}

func (neverEnding) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
