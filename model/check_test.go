package model_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
)

func TestCheck_MarksTheScenarioNotItsCopies(t *testing.T) {
	s := minimal()
	if s.Checked() {
		t.Fatal("a scenario nobody checked is checked")
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if !s.Checked() {
		t.Fatal("Check passed the scenario but did not mark it")
	}
	if c := *s; c.Checked() {
		t.Error("a copy of a checked scenario is checked")
	}
	if c := s.Clone(); !c.Checked() || !reflect.DeepEqual(c, s) {
		t.Error("a clone of a checked scenario is not a checked equal")
	}
	s.Horizon = 0
	if err := s.Check(); err == nil || s.Checked() {
		t.Errorf("Check of an invalid scenario = %v, checked %v", err, s.Checked())
	}
}

// TestClone_SharesNothing fills every field of a scenario, pointers and
// lists included, and checks that its clone is equal and shares no memory
// with it: what Compile's copy needs to leave its input alone.
func TestClone_SharesNothing(t *testing.T) {
	s := new(model.Scenario)
	fill(reflect.ValueOf(s).Elem())
	c := s.Clone()
	if !reflect.DeepEqual(c, s) {
		t.Fatal("the clone differs from the original")
	}
	shared(t, "scenario", reflect.ValueOf(s).Elem(), reflect.ValueOf(c).Elem())
}

// fill sets every exported field under v to a non-zero value, with one
// element in each list.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(model.DefaultStart))
			return
		}
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				fill(v.Field(i))
			}
		}
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint64:
		v.SetUint(1)
	case reflect.Float64:
		v.SetFloat(1)
	}
}

// shared reports memory that a and b, at path, have in common.
func shared(t *testing.T, path string, a, b reflect.Value) {
	t.Helper()
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			t.Errorf("%s: not filled", path)
			return
		}
		if a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone shares it", path)
		}
		shared(t, path, a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() == 0 {
			t.Errorf("%s: not filled", path)
			return
		}
		if a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone shares it", path)
		}
		for i := range a.Len() {
			shared(t, path+"[]", a.Index(i), b.Index(i))
		}
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() {
				shared(t, path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
			}
		}
	}
}
