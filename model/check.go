package model

import "reflect"

// Check makes s ready to simulate: it fills its defaults
// ([Scenario.Normalize]), validates it ([Scenario.Validate]) and, when it
// is valid, marks it as checked. It returns the validation errors, as
// Validate does.
//
// Checking happens once per scenario, where the scenario is made: the
// scenarios package checks every scenario it loads (each --set variant
// too), and sim.Compile checks only what is not marked, so a loaded
// scenario is never normalized or validated twice.
//
// The mark belongs to the scenario value Check was called on, not to its
// contents:
//
//   - a copy (c := *s, or a copy whose fields are then changed) is not
//     checked, so a scenario derived from a checked one is checked again
//     when it is compiled;
//   - whoever changes a checked scenario in place must keep it
//     normalized and valid, or call Check again. Setting a field no
//     default derives from to a value Validate accepts (Seed, say) needs
//     nothing more; giving an agent group a staffing plan, say, does.
func (s *Scenario) Check() error {
	s.checked = nil
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	s.checked = s
	return nil
}

// Checked reports whether [Scenario.Check] passed s (and s is not a copy
// of a scenario it passed).
func (s *Scenario) Checked() bool { return s.checked == s }

// Clone returns a deep copy of s that shares no memory with it, plans and
// samples included (only Start's time zone, which never changes). The copy
// is checked if s is: it holds the same values.
func (s *Scenario) Clone() *Scenario {
	c := new(Scenario)
	deepCopy(reflect.ValueOf(c).Elem(), reflect.ValueOf(s).Elem())
	c.checked = nil
	if s.Checked() {
		c.checked = c
	}
	return c
}

// deepCopy copies src into dst, which is a zero value of its type, copying
// what pointers, slices and maps refer to. Unexported struct fields are
// copied as they are.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if !src.IsNil() {
			dst.Set(reflect.New(src.Type().Elem()))
			deepCopy(dst.Elem(), src.Elem())
		}
	case reflect.Slice:
		if !src.IsNil() {
			dst.Set(reflect.MakeSlice(src.Type(), src.Len(), src.Len()))
			for i := range src.Len() {
				deepCopy(dst.Index(i), src.Index(i))
			}
		}
	case reflect.Map:
		if !src.IsNil() {
			dst.Set(reflect.MakeMapWithSize(src.Type(), src.Len()))
			for it := src.MapRange(); it.Next(); {
				v := reflect.New(src.Type().Elem()).Elem()
				deepCopy(v, it.Value())
				dst.SetMapIndex(it.Key(), v)
			}
		}
	case reflect.Struct:
		dst.Set(src)
		for i := range src.NumField() {
			if f := dst.Field(i); f.CanSet() {
				f.SetZero()
				deepCopy(f, src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}
