// An open-addressing hash table from a 64-bit hash to a small value: the lookup structure of the
// lexicon and of the phrase tables. Built once at start-up, read by every worker without locks;
// a lookup is a multiply, a mask and (almost always) one probe, with no allocation.
#pragma once

#include <cstdint>
#include <vector>

namespace audit {

template <class Value>
class FlatTable {
 public:
  // Inserts or returns the existing value for `key` (0 is a valid key: it is remapped).
  Value& operator[](std::uint64_t key) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    return slots_[insert_slot(fix(key))].value;
  }

  const Value* find(std::uint64_t key) const {
    if (slots_.empty()) return nullptr;
    key = fix(key);
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return &s.value;
      if (s.key == 0) return nullptr;
    }
  }

  std::size_t size() const { return count_; }

 private:
  struct Slot {
    std::uint64_t key = 0;  // 0: empty
    Value value{};
  };

  static std::uint64_t fix(std::uint64_t key) { return key == 0 ? 0x9E3779B97F4A7C15ULL : key; }

  std::size_t insert_slot(std::uint64_t key) {
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return i;
      if (slots_[i].key == 0) {
        slots_[i].key = key;
        ++count_;
        return i;
      }
    }
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    count_ = 0;
    for (const Slot& s : old) {
      if (s.key != 0) slots_[insert_slot(s.key)].value = s.value;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace audit
