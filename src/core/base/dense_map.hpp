// Maps keyed by database ids, which are small positive integers handed out in sequence: a vector indexed
// by the id (no hashing, no allocation per entry) for ids up to about twice the number of entries, and a
// hash map for the rare id beyond that. Not thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/base/ids.hpp"

namespace jospar {

template <class T>
class DenseMap {
 public:
  // The value of `id`, or nullptr when absent. Valid until the next insertion.
  T* Find(Id id) {
    if (id >= 0 && static_cast<std::size_t>(id) < present_.size() && present_[static_cast<std::size_t>(id)])
      return &slots_[static_cast<std::size_t>(id)];
    if (sparse_.empty()) return nullptr;
    auto it = sparse_.find(id);
    return it == sparse_.end() ? nullptr : &it->second;
  }
  const T* Find(Id id) const { return const_cast<DenseMap*>(this)->Find(id); }
  bool Contains(Id id) const { return Find(id) != nullptr; }
  // The value of `id`, which must be present (std::out_of_range otherwise, like std::map::at).
  const T& At(Id id) const {
    const T* found = Find(id);
    if (found == nullptr) throw std::out_of_range("DenseMap::At: no such id");
    return *found;
  }

  // The value of `id`, inserted as T{} when absent.
  T& operator[](Id id) {
    if (T* found = Find(id)) return *found;
    ++size_;
    if (id >= 0 && static_cast<std::size_t>(id) < std::max(dense_limit_, 2 * size_ + 1024)) {
      const auto i = static_cast<std::size_t>(id);
      if (i >= slots_.size()) {
        const std::size_t n = std::max(i + 1, slots_.size() + slots_.size() / 2);
        slots_.resize(n);
        present_.resize(n, 0);
      }
      present_[i] = 1;
      return slots_[i];
    }
    return sparse_[id];
  }

  // Removes `id`; returns whether it was there.
  bool Erase(Id id) {
    if (id >= 0 && static_cast<std::size_t>(id) < present_.size() && present_[static_cast<std::size_t>(id)]) {
      present_[static_cast<std::size_t>(id)] = 0;
      slots_[static_cast<std::size_t>(id)] = T{};
      --size_;
      return true;
    }
    if (sparse_.erase(id) == 0) return false;
    --size_;
    return true;
  }

  std::size_t size() const { return size_; }
  // The greatest id the vector has room for (-1 when none); ids beyond it may be in the hash map.
  Id MaxDenseId() const { return static_cast<Id>(present_.size()) - 1; }
  bool empty() const { return size_ == 0; }
  // Prepares for `count` entries with ids up to `max_id`: keeps them in the vector and makes room for them
  // when the ids are dense enough (at most four times the count), else leaves the far ones to the hash map.
  void Reserve(Id max_id, std::size_t count) {
    if (max_id < 0) return;
    const auto n = std::min(static_cast<std::size_t>(max_id) + 1, 4 * count + 1024);
    dense_limit_ = std::max(dense_limit_, n);
    if (n > slots_.size()) {
      slots_.reserve(n);
      present_.reserve(n);
    }
  }

  // Makes `items` (values with an `id` member; of equal ids one is kept) the content of the map. When their
  // ids are dense (the greatest at most about four times their number) the vector itself becomes the storage:
  // sorted by id, then each value moved back to the slot of its id, in place (no copy of the vector when
  // its capacity already reaches the greatest id + 1).
  void Adopt(std::vector<T>&& items) {
    if (items.empty()) return;
    auto by_id = [](const T& a, const T& b) { return a.id < b.id; };
    if (!std::is_sorted(items.begin(), items.end(), by_id)) std::sort(items.begin(), items.end(), by_id);
    const std::size_t count = items.size();
    const Id lo = items.front().id, hi = items.back().id;
    const bool repeated = std::adjacent_find(items.begin(), items.end(), [](const T& a, const T& b) {
                            return a.id == b.id;
                          }) != items.end();
    if (size_ != 0 || repeated || lo < 0 || static_cast<std::size_t>(hi) >= 4 * count + 1024) {
      for (T& item : items) (*this)[item.id] = std::move(item);
      return;
    }
    const auto n = static_cast<std::size_t>(hi) + 1;
    items.resize(n);
    present_.assign(n, 0);
    for (std::size_t k = count; k-- > 0;) {
      const auto target = static_cast<std::size_t>(items[k].id);
      if (target != k) {
        items[target] = std::move(items[k]);
        items[k] = T{};
      }
      present_[target] = 1;
    }
    slots_ = std::move(items);
    sparse_.clear();
    size_ = count;
    dense_limit_ = std::max(dense_limit_, n);
  }

  // Calls f(id, value) for every entry: the dense ones in increasing id order, then the others.
  template <class F>
  void ForEach(F&& f) const {
    for (std::size_t i = 0; i < present_.size(); ++i)
      if (present_[i]) f(static_cast<Id>(i), slots_[i]);
    for (const auto& [id, v] : sparse_) f(id, v);
  }

 private:
  std::size_t dense_limit_ = 1024;
  std::vector<T> slots_;
  std::vector<std::uint8_t> present_;
  std::unordered_map<Id, T> sparse_;
  std::size_t size_ = 0;
};

// A DenseMap per object kind, keyed by ObjectRef.
template <class T>
class RefMap {
 public:
  T* Find(ObjectRef r) { return Of(r.kind).Find(r.id); }
  const T* Find(ObjectRef r) const { return maps_[Index(r.kind)].Find(r.id); }
  bool Contains(ObjectRef r) const { return Find(r) != nullptr; }
  const T& At(ObjectRef r) const { return maps_[Index(r.kind)].At(r.id); }
  T& operator[](ObjectRef r) { return Of(r.kind)[r.id]; }
  bool Erase(ObjectRef r) { return Of(r.kind).Erase(r.id); }
  DenseMap<T>& Of(ObjectKind k) { return maps_[Index(k)]; }
  const DenseMap<T>& Of(ObjectKind k) const { return maps_[Index(k)]; }
  // Calls f(ref, value) for every entry, kind by kind.
  template <class F>
  void ForEach(F&& f) const {
    for (std::size_t k = 0; k < kKinds; ++k)
      maps_[k].ForEach([&](Id id, const T& v) { f(ObjectRef{static_cast<ObjectKind>(k), id}, v); });
  }

 private:
  static constexpr std::size_t kKinds = static_cast<std::size_t>(ObjectKind::kUser) + 1;
  static std::size_t Index(ObjectKind k) { return static_cast<std::size_t>(k); }
  std::array<DenseMap<T>, kKinds> maps_;
};

// Lists of ids by key (the children of a document, the indicators of a goal, the links of a node): built
// once from all the pairs into two flat arrays (no allocation per key), then edited key by key, an edited
// key's list moving to a small hash map. A list keeps the order of the pairs given to Build and of Add,
// except that Remove moves the last id into the removed one's place. Not thread-safe.
class Adjacency {
 public:
  // Replaces the content by the pairs (key, id); keys below `dense_keys` go to the flat arrays, sized by
  // the greatest of them.
  void Build(const std::vector<std::pair<Id, Id>>& pairs, std::size_t dense_keys) {
    offsets_.clear();
    ids_.clear();
    edited_.clear();
    const std::size_t limit = dense_keys;
    std::size_t keys = 0;
    for (const auto& [key, id] : pairs)
      if (key >= 0 && static_cast<std::size_t>(key) < limit)
        keys = std::max(keys, static_cast<std::size_t>(key) + 1);
    offsets_.assign(keys + 1, 0);
    for (const auto& [key, id] : pairs)
      if (InBase(key)) ++offsets_[static_cast<std::size_t>(key) + 1];
    for (std::size_t k = 0; k < keys; ++k) offsets_[k + 1] += offsets_[k];
    ids_.resize(offsets_[keys]);
    std::vector<std::uint32_t> next(offsets_.begin(), offsets_.end() - 1);
    for (const auto& [key, id] : pairs) {
      if (InBase(key))
        ids_[next[static_cast<std::size_t>(key)]++] = id;
      else
        edited_[key].push_back(id);
    }
  }

  // The ids of `key` (empty when none); valid until the next change.
  std::span<const Id> Of(Id key) const {
    if (!edited_.empty())
      if (auto it = edited_.find(key); it != edited_.end()) return it->second;
    if (!InBase(key)) return {};
    const auto k = static_cast<std::size_t>(key);
    return std::span<const Id>(ids_.data() + offsets_[k], offsets_[k + 1] - offsets_[k]);
  }
  void Add(Id key, Id id) { Edit(key).push_back(id); }
  // Removes one occurrence of `id` from the list of `key`.
  void Remove(Id key, Id id) {
    if (Of(key).empty()) return;
    std::vector<Id>& list = Edit(key);
    auto it = std::find(list.begin(), list.end(), id);
    if (it == list.end()) return;
    *it = list.back();
    list.pop_back();
  }
  // Calls f(key) for every key with a non-empty list.
  template <class F>
  void ForEachKey(F&& f) const {
    for (std::size_t k = 0; k + 1 < offsets_.size(); ++k)
      if (offsets_[k + 1] > offsets_[k] && (edited_.empty() || !edited_.count(static_cast<Id>(k))))
        f(static_cast<Id>(k));
    for (const auto& [key, list] : edited_)
      if (!list.empty()) f(key);
  }

 private:
  bool InBase(Id key) const { return key >= 0 && static_cast<std::size_t>(key) + 1 < offsets_.size(); }
  std::vector<Id>& Edit(Id key) {
    auto [it, inserted] = edited_.try_emplace(key);
    if (inserted && InBase(key)) {
      const auto k = static_cast<std::size_t>(key);
      it->second.assign(ids_.begin() + offsets_[k], ids_.begin() + offsets_[k + 1]);
    }
    return it->second;
  }

  std::vector<std::uint32_t> offsets_;  // the ids of key k are ids_[offsets_[k], offsets_[k + 1])
  std::vector<Id> ids_;
  std::unordered_map<Id, std::vector<Id>> edited_;  // keys edited since Build, and keys out of range
};

// An Adjacency per object kind, keyed by ObjectRef.
class RefAdjacency {
 public:
  void Build(ObjectKind k, const std::vector<std::pair<Id, Id>>& pairs, std::size_t dense_keys) {
    of_[Index(k)].Build(pairs, dense_keys);
  }
  std::span<const Id> Of(ObjectRef r) const { return of_[Index(r.kind)].Of(r.id); }
  void Add(ObjectRef r, Id id) { of_[Index(r.kind)].Add(r.id, id); }
  void Remove(ObjectRef r, Id id) { of_[Index(r.kind)].Remove(r.id, id); }
  template <class F>
  void ForEachKey(F&& f) const {
    for (std::size_t k = 0; k < kKinds; ++k)
      of_[k].ForEachKey([&](Id id) { f(ObjectRef{static_cast<ObjectKind>(k), id}); });
  }

 private:
  static constexpr std::size_t kKinds = static_cast<std::size_t>(ObjectKind::kUser) + 1;
  static std::size_t Index(ObjectKind k) { return static_cast<std::size_t>(k); }
  std::array<Adjacency, kKinds> of_;
};

}  // namespace jospar
