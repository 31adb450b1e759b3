package reports

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// WriteFileAtomic writes a file at path with the output of write, so that
// path holds either its old content or the complete new content, never a
// part of it: write fills a temporary file in the same directory, which is
// synced to disk and then renamed over path. If write or any step fails,
// the temporary file is removed and path is left as it was.
//
// A new file gets mode 0644; an existing one keeps its mode.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	var s FileSet
	defer s.Abort()
	if err := s.Write(path, write); err != nil {
		return err
	}
	return s.Commit()
}

// FileSet writes several files all or nothing, for a run that produces a
// report, CSV tables and contact records together: each file is first
// written to a temporary file beside it ([FileSet.Create],
// [FileSet.Write]), and only [FileSet.Commit], once every one is
// complete, renames them into place. [FileSet.Abort] (deferred by the
// caller; it does nothing after a successful Commit) removes the temporary
// files and the directories the set created, so that a failed or
// interrupted run leaves nothing half-written behind and the files it
// would have replaced untouched.
//
// A new file gets mode 0644; an existing one keeps its mode. The zero
// FileSet is ready to use; it is not safe for concurrent use.
type FileSet struct {
	files []*pendingFile
	// dirs are the directories MkdirAll created, parents first.
	dirs []string
	done bool
}

// pendingFile is a file of a FileSet: its temporary file until Commit.
type pendingFile struct {
	path, tmp string
	f         *os.File
	mode      fs.FileMode
}

// MkdirAll creates dir and any missing parents, like [os.MkdirAll],
// remembering which it created so that Abort can remove them again.
func (s *FileSet) MkdirAll(dir string) error {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("create %s: %w", dir, err)
		}
		missing = append(missing, d)
		if parent := filepath.Dir(d); parent == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	slices.Reverse(missing)
	s.dirs = append(s.dirs, missing...)
	return nil
}

// Create starts the file at path: it returns the temporary file beside
// path that stands for it until Commit. The caller writes to it and must
// not close it.
func (s *FileSet) Create(path string) (io.Writer, error) {
	if s.done {
		return nil, fmt.Errorf("write %s: file set already committed", path)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("write %s: not a regular file", path)
		}
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	s.files = append(s.files, &pendingFile{path: path, tmp: f.Name(), f: f, mode: mode})
	return f, nil
}

// Write starts the file at path with the output of write, buffered. An
// error from write is returned as it is.
func (s *FileSet) Write(path string, write func(io.Writer) error) error {
	f, err := s.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Commit syncs every file to disk and renames it into place, in the order
// they were started. On an error the files not yet renamed are removed.
func (s *FileSet) Commit() error {
	if s.done {
		return nil
	}
	for _, p := range s.files {
		if err := p.finish(); err != nil {
			return err
		}
	}
	dirs := map[string]bool{}
	for i, p := range s.files {
		if err := os.Rename(p.tmp, p.path); err != nil {
			s.files = s.files[i:]
			return fmt.Errorf("write %s: %w", p.path, err)
		}
		dirs[filepath.Dir(p.path)] = true
	}
	s.files, s.dirs, s.done = nil, nil, true
	// Make the renames themselves durable. Not every system can sync a
	// directory; the files are complete either way.
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if f, err := os.Open(d); err == nil {
			_ = f.Sync()
			f.Close()
		}
	}
	return nil
}

// finish sets the file's mode, syncs and closes it.
func (p *pendingFile) finish() error {
	if p.f == nil {
		return nil
	}
	f := p.f
	p.f = nil
	if err := f.Chmod(p.mode); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", p.path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", p.path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", p.path, err)
	}
	return nil
}

// Abort removes the temporary files of a set not committed, and the
// directories it created if they are empty. It does nothing after a
// successful Commit, and may be called more than once.
func (s *FileSet) Abort() {
	for _, p := range s.files {
		if p.f != nil {
			p.f.Close()
		}
		os.Remove(p.tmp)
	}
	for _, d := range slices.Backward(s.dirs) {
		os.Remove(d) // fails, harmlessly, unless empty
	}
	s.files, s.dirs = nil, nil
}
